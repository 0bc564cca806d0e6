/**
 * Config file -> Options. The file is YAML (`.github/iam-policy-gate.yml` by default), validated against the zod
 * schema in schema.ts; unknown keys and bad values are config errors naming the file, the line and the key. The
 * validated file becomes one layer of options; precedence.ts merges it with the defaults, Action inputs and CLI
 * flags.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Options } from './options.js';
import { defaultOptions } from './options.js';
import { parseWithPositions, InputError } from '../text/positions.js';
import type { Parsed } from '../text/positions.js';
import type { Severity } from '../result.js';
import { SEVERITIES } from '../result.js';
import { configSchemas } from './schema.js';
import { crossChecks, toIssues } from './issues.js';
import { toLayer } from './layer.js';
import { readRepoFile, decodeUtf8, ReadError, toPosix } from '../text/read.js';
import type { OptionLayers, OptionsLayer } from './precedence.js';
import { resolveOptions } from './precedence.js';
import { appendAll } from '../util/arrays.js';

export const DEFAULT_CONFIG_PATH = '.github/iam-policy-gate.yml';

/** Config files larger than this are refused (a config file is a few kilobytes). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface ConfigIssue {
  /** The key, dotted, as written in the file (e.g. `ignore[2].reason`). */
  key: string;
  line?: number;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    /** Every problem found (the first one is `message`). */
    readonly issues: ConfigIssue[] = [],
  ) {
    const where = (l?: number) => (file ? `${file}${l ? `:${l}` : ''}: ` : '');
    const more = issues.slice(1).map((i) => `\n${where(i.line)}${i.key ? `${i.key}: ` : ''}${i.message}`);
    super(`${where(line)}${message}${more.join('')}`);
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
 * Load options: defaults, then the config file if present (`configPath` given explicitly must exist), then the
 * Action inputs and CLI flags given in `layers` (see precedence.ts).
 */
export function loadOptions(root: string, cwd: string, configPath?: string, layers: Omit<OptionLayers, 'file'> = {}): LoadedConfig {
  const defaults = defaultOptions(root, cwd);
  const explicit = configPath !== undefined && configPath !== '';
  const abs = explicit ? path.resolve(cwd, configPath) : path.join(root, DEFAULT_CONFIG_PATH);
  if (!existsSync(abs)) {
    if (explicit) throw new ConfigError(`config file not found: ${configPath}`);
    return { options: resolveOptions(defaults, layers) };
  }
  const display = toPosix(path.relative(cwd, abs)) || abs;
  const file = parseConfig(readConfigText(root, abs, display), display);
  const options = resolveOptions(defaults, { ...layers, file });
  checkSuppressionHorizon(options);
  return { options, file: display };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An `ignore` entry whose `expires` lies more than `max-suppression-days` (default 365) after `now` is a config
 * error: a far-future date is a permanent exception in disguise.
 */
export function checkSuppressionHorizon(options: Pick<Options, 'ignore' | 'maxSuppressionDays' | 'now'>): void {
  const limit = options.now.getTime() + options.maxSuppressionDays * DAY_MS;
  const issues: ConfigIssue[] = [];
  let file: string | undefined;
  options.ignore.forEach((e, i) => {
    if (!e.expires || Date.parse(`${e.expires}T00:00:00Z`) <= limit) return;
    file ??= e.source?.file;
    issues.push({
      key: `ignore[${i}].expires`,
      ...(e.source ? { line: e.source.line } : {}),
      message: `${e.expires} is more than ${options.maxSuppressionDays} days ahead (max-suppression-days): renew the exception when it expires instead`,
    });
  });
  if (issues.length) throw new ConfigError(`${issues[0]!.key}: ${issues[0]!.message}`, file, issues[0]!.line, issues);
}

/**
 * The config text. A file inside the repository is read like every repository file (a symlink that leaves the
 * repository is refused: the default config path is PR content). Only a file named explicitly by the operator
 * (`--config`, the `config` input) may lie outside the repository.
 */
export function readConfigText(root: string, abs: string, display: string): string {
  const rel = path.relative(root, abs);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  try {
    if (inside) return readRepoFile(root, toPosix(rel), MAX_CONFIG_BYTES);
    const st = statSync(abs);
    if (!st.isFile()) throw new ReadError('not a regular file');
    if (st.size > MAX_CONFIG_BYTES) throw new ReadError(`file is ${st.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit`);
    return decodeUtf8(readFileSync(abs));
  } catch (e) {
    throw new ConfigError(`cannot read the config file: ${(e as Error).message}`, display);
  }
}

/**
 * Parse and validate config text (YAML or JSON) into the options it sets. Pure. `file` is the name used in errors
 * and recorded with each ignore entry.
 */
export function parseConfig(text: string, file: string): OptionsLayer {
  let parsed: Parsed;
  try {
    parsed = parseWithPositions(text, file);
  } catch (e) {
    const err = e as InputError;
    throw new ConfigError(`invalid YAML: ${err.message}`, file, err.line);
  }
  if (parsed.value === null || parsed.value === undefined) return {};
  if (typeof parsed.value !== 'object' || Array.isArray(parsed.value)) throw new ConfigError('the config must be a mapping of keys', file, 1);
  const result = configSchemas().config.safeParse(parsed.value);
  const issues: ConfigIssue[] = result.success ? [] : result.error.issues.flatMap((i) => toIssues(i, parsed));
  if (result.success) appendAll(issues, crossChecks(result.data, parsed));
  if (issues.length || !result.success) {
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const first = issues[0] ?? { key: '', message: 'invalid config' };
    throw new ConfigError(first.key ? `${first.key}: ${first.message}` : first.message, file, first.line, issues);
  }
  return toLayer(result.data, file, parsed);
}
