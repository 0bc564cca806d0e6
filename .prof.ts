import { extractFile } from './src/extract/index.js';
import { defaultOptions } from './src/config/options.js';
const o = { ...defaultOptions('/tmp'), accessAnalyzer: 'off' as const };
for (const n of [10_000, 20_000, 40_000, 80_000]) {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: n }, () => ({ Effect: 'Allow', Action: 's3:*', Resource: '*' })) });
  const t = performance.now();
  await extractFile({ file: 'policy.json', repoPath: 'policy.json', displayPath: (p) => p, text, options: o, explicit: false, readRepoFile: () => '' });
  console.log(n, (performance.now() - t).toFixed(0));
}
