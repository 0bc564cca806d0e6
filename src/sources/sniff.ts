/**
 * Is a file with an unexpected name infrastructure by content? `aws cloudformation deploy --template-file
 * stack.cfn` and `aws iam create-policy --policy-document file://policy.jsonc` accept any name, so a walk that
 * trusts extensions misses `stack.cfn`, `template` (no extension), `stack.yaml.txt`, `policy.jsonc`, `x.tmpl`.
 *
 * Cheap and bounded: known binary and media extensions are skipped unread; everything else is judged by its first
 * SNIFF_BYTES only (a NUL byte there means binary). The content must *start* as the format does, not merely mention
 * it (source code that builds a policy in a string, a README with a template in a code block, stay quiet):
 * - JSON (after comments `//`, `/* *\/`): `{`/`[` then a CloudFormation template (`AWSTemplateFormatVersion`, or
 *   `Resources` with a `"Type": "AWS::…"`), an IAM policy (`"Statement"`) or a Terraform plan (`format_version`);
 * - YAML: the first line that is not a comment, blank or `---` is a top-level key, and the head has
 *   `AWSTemplateFormatVersion:`, a SAM `Transform: AWS::Serverless…`, or `Resources:` with `Type: AWS::…`.
 * Terraform HCL is not sniffed: Terraform and OpenTofu load only `.tf`/`.tf.json`/`.tofu`/`.tofu.json`; nor are Terraform templates (`.tftpl`,
 * `.tpl`: a `policy.json.tpl` full of `${...}` is not JSON until `templatefile()` renders it, and it is analysed
 * through the configuration that renders it).
 *
 * A sniffed file that then does not parse (a `.jsonc` with comments) is an error, not skipped: something turns it
 * into what AWS receives, and the gate cannot see that.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export const SNIFF_BYTES = 4096;

export type Sniffed = 'json' | 'yaml';

/** Extensions never read: binaries, media, archives, compiled code. */
const BINARY = new RegExp(
  '\\.(' +
    [
      'png', 'jpe?g', 'gif', 'bmp', 'ico', 'webp', 'tiff?', 'psd', 'svgz', 'heic', 'avif',
      'mp[34]', 'm4a', 'wav', 'ogg', 'flac', 'webm', 'mov', 'avi', 'mkv',
      'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'jar', 'war', 'ear', 'whl', 'egg', 'nupkg', 'deb', 'rpm', 'apk', 'dmg', 'iso', 'img',
      'exe', 'dll', 'so', 'dylib', 'a', 'o', 'obj', 'lib', 'class', 'pyc', 'pyo', 'wasm', 'node', 'bin', 'dat', 'db', 'sqlite3?', 'parquet', 'avro', 'pb',
      'woff2?', 'ttf', 'otf', 'eot', 'pdf', 'docx?', 'xlsx?', 'pptx?', 'odt', 'ods', 'key', 'p12', 'pfx', 'der', 'keystore', 'jks',
    ].join('|') +
    ')$',
  'i',
);

const TERRAFORM_TEMPLATE = /\.(tftpl|tpl)$/i;

function skipJsonComments(s: string): string {
  let t = s.trimStart();
  for (;;) {
    if (t.startsWith('//')) {
      const nl = t.indexOf('\n');
      t = nl < 0 ? '' : t.slice(nl + 1).trimStart();
    } else if (t.startsWith('/*')) {
      const end = t.indexOf('*/');
      t = end < 0 ? '' : t.slice(end + 2).trimStart();
    } else return t;
  }
}

/**
 * Judge a file's text (its first bytes, or all of it): the format it is, `maybe` when it starts as JSON or YAML but
 * shows no marker yet (the rest of the file decides), undefined when it cannot be infrastructure.
 */
export function sniffText(text: string): Sniffed | 'maybe' | undefined {
  if (text.includes('\u0000')) return undefined;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const json = skipJsonComments(text);
  if (json.startsWith('{') || json.startsWith('[')) {
    if (/"AWSTemplateFormatVersion"\s*:/.test(json)) return 'json';
    if (/"Resources"\s*:/.test(json) && /"Type"\s*:\s*"AWS::/.test(json)) return 'json';
    if (/"Statement"\s*:/.test(json) || /"Version"\s*:\s*"20(12|08)-10-17"/.test(json)) return 'json';
    if (/"format_version"\s*:/.test(json) && /"terraform_version"\s*:/.test(json)) return 'json';
    return 'maybe';
  }
  const first = text.split('\n').find((l) => !/^\s*(#.*|---\s*|%.*)?\r?$/.test(l));
  if (first === undefined || !/^[A-Za-z_][\w-]*\s*:/.test(first)) return undefined;
  if (/^(```|~~~)/m.test(text)) return undefined; // markdown with front matter: a template in it is an example
  if (/^AWSTemplateFormatVersion\s*:/m.test(text)) return 'yaml';
  if (/^Transform\s*:\s*['"]?AWS::Serverless/m.test(text)) return 'yaml';
  if (/^Resources\s*:/m.test(text) && /^\s+Type\s*:\s*['"]?AWS::/m.test(text)) return 'yaml';
  return 'maybe';
}

/**
 * Sniff a file on disk (the caller has checked it is a regular file inside the repository): the first SNIFF_BYTES,
 * and the whole file (up to `maxBytes`) only when those start as JSON or YAML without a marker yet, so padding
 * cannot push the marker past the head.
 */
export function sniffFile(abs: string, name: string, maxBytes: number): Sniffed | undefined {
  if (BINARY.test(name) || TERRAFORM_TEMPLATE.test(name)) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const n = readSync(fd, HEAD, 0, SNIFF_BYTES, 0);
    if (n === 0) return undefined;
    const first = sniffText(HEAD.toString('utf8', 0, n));
    if (first !== 'maybe') return first;
    if (n < SNIFF_BYTES) return undefined; // that was all of it
    const size = fstatSync(fd).size;
    if (size > maxBytes) return undefined;
    const all = Buffer.alloc(size);
    const m = readSync(fd, all, 0, size, 0);
    const r = sniffText(all.toString('utf8', 0, m));
    return r === 'maybe' ? undefined : r;
  } catch {
    return undefined; // unreadable: not found by the walk (a named file still reports why it cannot be read)
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** One buffer for every head read (the walk is synchronous). */
const HEAD = Buffer.alloc(SNIFF_BYTES);
