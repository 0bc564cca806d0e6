/**
 * Config file -> Options. The file is YAML (`.github/iam-policy-gate.yml` by default); unknown keys and bad values
 * are config errors naming the file, line and key.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Options } from './options.js';
import { defaultOptions } from './options.js';
import { parseWithPositions, InputError } from '../extract/positions.js';
import type { Severity } from '../findings/types.js';
import { SEVERITIES } from '../findings/types.js';
import { POLICY_TYPES } from '../policy/types.js';
import type { PolicyType } from '../policy/types.js';

export const DEFAULT_CONFIG_PATH = '.github/iam-policy-gate.yml';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(file ? `${file}${line ? `:${line}` : ''}: ${message}` : message);
    this.name = 'ConfigError';
  }
}

export function parseSeverity(v: unknown, where: string): Severity {
  if (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v)) return v as Severity;
  throw new ConfigError(`${where} must be one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(v)})`);
}

export interface LoadedConfig {
  options: Options;
  /** The config file used, if any (cwd-relative). */
  file?: string;
}

/**
 * Load options: defaults, then the config file if present. `configPath` given explicitly must exist.
 */
export function loadOptions(root: string, cwd: string, configPath?: string): LoadedConfig {
  const options = defaultOptions(root, cwd);
  const explicit = configPath !== undefined && configPath !== '';
  const file = explicit ? path.resolve(cwd, configPath) : path.join(root, DEFAULT_CONFIG_PATH);
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError(`config file not found: ${configPath}`);
    return { options };
  }
  const display = path.relative(cwd, file) || file;
  let parsed;
  try {
    parsed = parseWithPositions(readFileSync(file, 'utf8'), display);
  } catch (e) {
    const err = e as InputError;
    throw new ConfigError(`invalid YAML: ${err.message}`, display, err.line);
  }
  const cfg = parsed.value;
  if (cfg === null) return { options, file: display };
  if (typeof cfg !== 'object' || Array.isArray(cfg)) throw new ConfigError('the config must be a mapping of keys', display, 1);
  const lineOf = (key: string) => parsed.keySpans.get('/' + key)?.start.line ?? parsed.spans.get('/' + key)?.start.line;
  const c = cfg as Record<string, unknown>;
  const fail = (key: string, msg: string): never => {
    throw new ConfigError(`${key}: ${msg}`, display, lineOf(key));
  };
  const stringList = (key: string): string[] => {
    const v = c[key];
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    return fail(key, 'must be a string or a list of strings');
  };
  for (const key of Object.keys(c)) {
    switch (key) {
      case 'paths':
        options.include = stringList(key);
        break;
      case 'exclude':
        options.exclude = stringList(key);
        break;
      case 'fail-on':
        try {
          options.failOn = parseSeverity(c[key], 'fail-on');
        } catch (e) {
          fail(key, (e as Error).message);
        }
        break;
      case 'fail-on-existing':
        if (typeof c[key] !== 'boolean') fail(key, 'must be true or false');
        options.failOnExisting = c[key] as boolean;
        break;
      case 'max-file-size': {
        const v = c[key];
        if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) fail(key, 'must be a positive number of bytes');
        options.maxFileBytes = v as number;
        break;
      }
      case 'policy-types': {
        const v = c[key];
        if (!Array.isArray(v)) fail(key, 'must be a list of {files, type}');
        options.policyTypes = (v as unknown[]).map((e, i) => {
          const o = e as Record<string, unknown>;
          if (!o || typeof o !== 'object' || !POLICY_TYPES.includes(o.type as PolicyType)) fail(key, `entry ${i}: type must be one of ${POLICY_TYPES.join(', ')}`);
          const files = typeof o.files === 'string' ? [o.files] : o.files;
          if (!Array.isArray(files) || !files.every((x) => typeof x === 'string')) fail(key, `entry ${i}: files must be a glob or a list of globs`);
          return { files: files as string[], type: o.type as PolicyType };
        });
        break;
      }
      case 'rules': {
        const v = c[key];
        if (!v || typeof v !== 'object' || Array.isArray(v)) fail(key, 'must be a mapping of rule id to settings');
        for (const [id, setting] of Object.entries(v as Record<string, unknown>)) {
          if (setting === false || setting === 'off') options.rules[id] = { enabled: false };
          else if (typeof setting === 'string') options.rules[id] = { severity: parseSeverity(setting, `rules.${id}`) };
          else if (setting && typeof setting === 'object') {
            const s = setting as Record<string, unknown>;
            options.rules[id] = {
              ...(s.enabled !== undefined ? { enabled: s.enabled !== false } : {}),
              ...(s.severity !== undefined ? { severity: parseSeverity(s.severity, `rules.${id}.severity`) } : {}),
            };
          } else fail(key, `rules.${id}: use off, a severity, or {enabled, severity}`);
        }
        break;
      }
      case 'cfn-parameters': {
        // [{ files: glob|globs, values?: {Name: value}, file?: repo-relative parameters file }]
        const v = c[key];
        if (!Array.isArray(v)) fail(key, 'must be a list of {files, values, file}');
        options.cfnParameters = (v as unknown[]).map((e, i) => {
          const o = e as Record<string, unknown>;
          if (!o || typeof o !== 'object') fail(key, `entry ${i}: must be a mapping with files and values or file`);
          const files = typeof o.files === 'string' ? [o.files] : o.files;
          if (!Array.isArray(files) || !files.every((x) => typeof x === 'string')) fail(key, `entry ${i}: files must be a glob or a list of globs`);
          if (o.values !== undefined && (!o.values || typeof o.values !== 'object' || Array.isArray(o.values))) fail(key, `entry ${i}: values must be a mapping of parameter names to values`);
          if (o.file !== undefined && typeof o.file !== 'string') fail(key, `entry ${i}: file must be a repository-relative path`);
          if (o.values === undefined && o.file === undefined) fail(key, `entry ${i}: give values or file`);
          return { files: files as string[], values: (o.values ?? {}) as Record<string, unknown>, ...(typeof o.file === 'string' ? { file: o.file } : {}) };
        });
        break;
      }
      default:
        fail(key, 'unknown key');
    }
  }
  return { options, file: display };
}
