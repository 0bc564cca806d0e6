/**
 * Which file names are Terraform / OpenTofu configuration. OpenTofu loads `.tofu` and `.tofu.json` besides `.tf` and
 * `.tf.json`, and a `.tofu` file replaces the `.tf` file of the same base name (`main.tofu` hides `main.tf` from
 * OpenTofu; Terraform ignores `.tofu` files altogether). A repository may be applied with either tool, so the gate
 * analyses both views: a `.tf` file with its Terraform siblings, a `.tofu` file with its OpenTofu siblings.
 */
import path from 'node:path';

/** HCL native syntax configuration: `.tf`, `.tofu`. */
export const isHclConfigFile = (f: string): boolean => /\.(tf|tofu)$/i.test(f);
/** JSON syntax configuration: `.tf.json`, `.tofu.json`. */
export const isJsonConfigFile = (f: string): boolean => /\.(tf|tofu)\.json$/i.test(f);
/** Any configuration file of a module (either syntax, either tool). */
export const isConfigFile = (f: string): boolean => isHclConfigFile(f) || isJsonConfigFile(f);
/** An OpenTofu-only file (`.tofu`, `.tofu.json`). */
export const isTofuFile = (f: string): boolean => /\.tofu(\.json)?$/i.test(f);

/** `dir/main.tofu.json` -> `dir/main.tf.json`: the Terraform file an OpenTofu file replaces. */
function replacedBy(tofu: string): string {
  return tofu.replace(/\.tofu(\.json)?$/i, (_m, j: string | undefined) => `.tf${j ?? ''}`);
}

/**
 * The configuration files (of the syntax `accept` selects) that load together with `self`: Terraform loads the
 * `.tf` files; OpenTofu (when `self` is a `.tofu` file) loads the `.tofu` files and the `.tf` files no `.tofu` file
 * of the same base name replaces.
 */
export function moduleView(self: string, siblings: readonly string[], accept: (f: string) => boolean): string[] {
  const config = siblings.filter(isConfigFile);
  if (!isTofuFile(self)) return config.filter((f) => !isTofuFile(f) && accept(f));
  const replaced = new Set(config.filter(isTofuFile).map((f) => path.posix.normalize(replacedBy(f))));
  return config.filter((f) => accept(f) && (isTofuFile(f) || !replaced.has(path.posix.normalize(f))));
}
