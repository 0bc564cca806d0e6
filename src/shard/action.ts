/** The Action's `shard` input (I/N): a ShardRun (shard/index.ts), or a configuration error. */
import type { Options } from '../config/options.js';
import { ConfigError } from '../config/load.js';
import { parseShardSpec, shardRun } from './index.js';
import type { ShardRun } from './index.js';

/** undefined without the input; a ConfigError (the Action's configuration error) when it is not I/N. */
export function actionShard(input: string, options: Options, workspace: string, env: NodeJS.ProcessEnv = process.env): ShardRun | undefined {
  if (!input.trim()) return undefined;
  try {
    return shardRun(parseShardSpec(input), options, workspace, env);
  } catch (e) {
    throw new ConfigError(`input ${(e as Error).message}`);
  }
}
