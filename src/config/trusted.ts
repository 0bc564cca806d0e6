/**
 * The config as committed at a trusted commit (the pull request's base; the CLI's `--config-from`/`--base`), never
 * the checkout's copy: a pull request must not configure its own gate. What is read from the base:
 *
 * - the config file itself (`.github/iam-policy-gate.yml`, or the `config` input / `--config` path when it is inside
 *   the repository; a path outside the repository is the operator's and read from disk);
 * - the files it names that configure the gate: the reference policies of CheckNoNewAccess.
 *
 * Settings that name infrastructure files keep their *list* from the base (the tfvars files, the parameters-file
 * mapping, the SCP files of the organisation model) while the *contents* of those files are what the pull request
 * changes and are analysed at its head, like every other file it touches.
 *
 * The head's config is parsed too, only to say what the change would do once merged: each change that can hide or
 * downgrade a finding is a blocking `config-weakened` finding on its line of the config file.
 *
 * A base that cannot be read (a shallow checkout without the base commit and no API access, an API failure) is a
 * config error: there is no fallback to the checkout's config.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Options } from './options.js';
import { defaultOptions } from './options.js';
import type { OptionLayers, OptionsLayer } from './precedence.js';
import { resolveOptions } from './precedence.js';
import type { LoadedConfig } from './load.js';
import { ConfigError, DEFAULT_CONFIG_PATH, checkSuppressionHorizon, loadOptions, parseConfig, readConfigText } from './load.js';
import { lineOf } from '../text/positions.js';
import { configWeakenings, summariseWeakenings } from './weakening.js';
import type { Weakening } from './weakening.js';
import { parseWithPositions } from '../text/positions.js';
import type { Finding, Severity } from '../result.js';
import { fingerprint } from '../policy/fingerprint.js';
import { configWeakenedMeta } from '../rules-meta/config-weakened.js';
import { ruleDocsUrl } from '../rules-meta/types.js';
import { RULE_INDEX } from '../rules-meta/rule-index.js';

/** A registered rule's own severity (offline and SCP rules; Access Analyzer issue codes have none here). */
export function ruleDefaultSeverity(id: string): Severity | undefined {
  return RULE_INDEX.find((r) => r.id === id)?.severity;
}

/** Repository files at the trusted commit. `read` resolves undefined when the file is absent there, rejects when unreadable. */
export interface TrustedSource {
  /** Short SHA or ref, for messages. */
  label: string;
  read(rel: string): Promise<string | undefined>;
}

export interface TrustedConfig extends LoadedConfig {
  /** `config-weakened` findings: what the pull request's config change would do once merged. */
  findings: Finding[];
  notes: string[];
}

const toPosix = (p: string) => p.split(path.sep).join('/');

async function readTrusted(source: TrustedSource, rel: string, what: string): Promise<string | undefined> {
  try {
    return await source.read(rel);
  } catch (e) {
    throw new ConfigError(
      `cannot read ${what} ${rel} at the base commit ${source.label} (${(e as Error).message}). The gate only trusts the config as committed on the base, ` +
        'never the pull request\'s copy: fetch the base commit (actions/checkout with fetch-depth: 0) or give the action a token that can read the repository contents.',
    );
  }
}

/**
 * Options from the config at the trusted commit, plus the `config-weakened` findings of the head's change to it.
 * `defaultSeverity` gives a rule's own severity (to tell a lowered severity from a raised one).
 */
export async function loadTrustedOptions(
  root: string,
  cwd: string,
  configPath: string | undefined,
  layers: Omit<OptionLayers, 'file'>,
  source: TrustedSource,
  defaultSeverity: (id: string) => Severity | undefined = ruleDefaultSeverity,
): Promise<TrustedConfig> {
  const explicit = configPath !== undefined && configPath !== '';
  const abs = explicit ? path.resolve(cwd, configPath) : path.join(root, DEFAULT_CONFIG_PATH);
  const rel = toPosix(path.relative(root, abs));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { ...loadOptions(root, cwd, configPath, layers), findings: [], notes: [] }; // the operator's file, outside the repository
  const display = toPosix(path.relative(cwd, abs)) || rel;
  const defaults = defaultOptions(root, cwd);

  const baseText = await readTrusted(source, rel, 'the config file');
  if (baseText === undefined && explicit) throw new ConfigError(`config file not found at the base commit ${source.label}: ${configPath} (the gate only uses the config as committed on the base)`);
  let baseLayer: OptionsLayer = {};
  if (baseText !== undefined) {
    try {
      baseLayer = parseConfig(baseText, display);
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(`the config at the base commit ${source.label}: ${e.message}`);
      throw e;
    }
  }
  const options = resolveOptions(defaults, { ...layers, file: baseLayer });
  checkSuppressionHorizon(options);
  options.trustedConfigFiles = {};
  for (const ref of [options.referencePolicies.identity, options.referencePolicies.resource]) {
    if (ref) options.trustedConfigFiles[ref] = (await readTrusted(source, ref, 'the reference policy')) ?? null;
  }

  const { findings, notes } = headChanges({ root, abs, display, layers, defaults, options, baseExists: baseText !== undefined, defaultSeverity, label: source.label });
  return { options, ...(baseText !== undefined ? { file: display } : {}), findings, notes };
}

/** The working tree's config against the base's: `config-weakened` findings and the summary note. */
function headChanges(o: {
  root: string;
  abs: string;
  display: string;
  layers: Omit<OptionLayers, 'file'>;
  defaults: Options;
  options: Options;
  baseExists: boolean;
  defaultSeverity: (id: string) => Severity | undefined;
  label: string;
}): { findings: Finding[]; notes: string[] } {
  let headLayer: OptionsLayer = {};
  let lineOfPointer = (_p: string): number => 1;
  if (existsSync(o.abs)) {
    let text: string;
    try {
      text = readConfigText(o.root, o.abs, o.display);
      headLayer = parseConfig(text, o.display);
    } catch (e) {
      return { findings: [], notes: [`This pull request's ${o.display} is not valid (${(e as Error).message}); this run used the base commit's config. After merge every run would stop with a config error.`] };
    }
    const parsed = parseWithPositions(text, o.display);
    lineOfPointer = (p) => (parsed.keySpans.has(p) || parsed.spans.has(p) ? lineOf(parsed, p)! : p === '/paths' ? lineOf(parsed, '/include') ?? 1 : lineOf(parsed, p) ?? 1);
  } else if (!o.baseExists) return { findings: [], notes: [] };
  const head = resolveOptions(o.defaults, { ...o.layers, file: headLayer });
  const changes = configWeakenings(o.options, head, o.defaultSeverity);
  if (!changes.length) return { findings: [], notes: [] };
  const summary = `This pull request changes ${o.display}: it ${summariseWeakenings(changes)}. These take effect after merge; this run used the config of the base commit ${o.label}.`;
  return { findings: changes.map((w) => toFinding(w, o.display, lineOfPointer(w.pointer))), notes: [summary] };
}

function toFinding(w: Weakening, file: string, line: number): Finding {
  return {
    ruleId: configWeakenedMeta.id,
    source: 'rules',
    severity: configWeakenedMeta.severity,
    title: configWeakenedMeta.title,
    message: `This change to the gate's config ${w.message}. It is not applied to this pull request (the gate uses the base commit's config) and takes effect after merge: it needs the review of the config's owners.`,
    fix: configWeakenedMeta.fix,
    learnMore: ruleDocsUrl(configWeakenedMeta),
    file,
    line,
    endLine: line,
    fingerprint: fingerprint([configWeakenedMeta.id, file, w.pointer, w.message]),
    new: true,
    details: { change: w.message, key: w.pointer },
  };
}

/** A TrustedSource over a synchronous reader (git). */
export function syncSource(label: string, read: (rel: string) => string | undefined): TrustedSource {
  return { label, read: async (rel) => read(rel) };
}
