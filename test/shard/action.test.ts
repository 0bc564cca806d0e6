import { describe, expect, it } from 'vitest';
import { actionShard } from '../../src/shard/action.js';
import { ConfigError } from '../../src/config/load.js';
import { defaultOptions } from '../../src/config/options.js';
import { tmpRepo } from '../helpers/tmp-repo.js';
import { expandPaths } from '../../src/sources/files.js';

describe('the Action input shard', () => {
  it('is absent when empty, a configuration error when not I/N', () => {
    const options = defaultOptions('/nowhere');
    expect(actionShard('', options, '/nowhere')).toBeUndefined();
    for (const bad of ['2', '9/8', '0/3', 'one/two']) expect(() => actionShard(bad, options, '/nowhere')).toThrow(ConfigError);
  });

  it('selects a slice and says which, with the commit the Action checked out', () => {
    const dir = tmpRepo({ 'a.json': '{"Version":"2012-10-17","Statement":[]}', 'b.json': '{"Version":"2012-10-17","Statement":[]}' });
    const options = defaultOptions(dir);
    const sha = 'a'.repeat(40);
    const picked = [1, 2].map((i) => {
      const s = actionShard(`${i}/2`, options, dir, { GITHUB_SHA: sha })!;
      return { files: s.select(expandPaths(['.'], options).files).map((f) => f.rel), info: s.info()! };
    });
    expect(picked.flatMap((p) => p.files).sort()).toEqual(['a.json', 'b.json']);
    expect(picked.map((p) => p.files.length)).toEqual([1, 1]);
    expect(picked[0]!.info).toMatchObject({ index: 1, count: 2, filesTotal: 2, commit: sha });
    expect(picked[0]!.info.unitSetHash).toBe(picked[1]!.info.unitSetHash);
  });
});
