/**
 * Where each option value comes from. The ONE place precedence is decided (documented in docs/configuration.md):
 *
 *     defaults  <  config file  <  Action inputs  <  CLI flags
 *
 * A later layer replaces the earlier value of every field it sets. Lists replace (they are not concatenated), so a
 * `--exclude` on the command line is the whole exclude list. Two fields merge one level deeper: `rules` per rule id
 * (and within a rule per setting: a flag can change a rule's severity and keep the file's `enabled`), and `aa` (the
 * Access Analyzer settings) per setting. Pure.
 */
import type { Options } from './options.js';

/** What one source (config file, Action inputs, CLI flags) sets. Absent fields leave the earlier value. */
export type OptionsLayer = Partial<Omit<Options, 'root' | 'cwd' | 'aa' | 'rules'>> & {
  aa?: Partial<Options['aa']>;
  rules?: Options['rules'];
};

export interface OptionLayers {
  /** The config file (`.github/iam-policy-gate.yml` or `--config` / the `config` input). */
  file?: OptionsLayer;
  /** GitHub Action inputs. */
  action?: OptionsLayer;
  /** Command-line flags. */
  cli?: OptionsLayer;
}

/** The precedence order, lowest first. */
export const PRECEDENCE = ['defaults', 'file', 'action', 'cli'] as const;

export function resolveOptions(defaults: Options, layers: OptionLayers): Options {
  let out: Options = { ...defaults, aa: { ...defaults.aa }, rules: cloneRules(defaults.rules) };
  for (const name of PRECEDENCE) {
    if (name === 'defaults') continue;
    const layer = layers[name];
    if (layer) out = applyLayer(out, layer);
  }
  return out;
}

function cloneRules(rules: Options['rules']): Options['rules'] {
  return Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, { ...v }]));
}

function applyLayer(base: Options, layer: OptionsLayer): Options {
  const out: Options = { ...base, aa: { ...base.aa }, rules: cloneRules(base.rules) };
  for (const [key, value] of Object.entries(layer) as [keyof OptionsLayer, unknown][]) {
    if (value === undefined) continue;
    if (key === 'aa') {
      for (const [k, v] of Object.entries(value as Partial<Options['aa']>)) {
        if (v !== undefined) (out.aa as unknown as Record<string, unknown>)[k] = v;
      }
    } else if (key === 'rules') {
      for (const [id, setting] of Object.entries(value as Options['rules'])) {
        const merged = { ...out.rules[id] };
        if (setting.enabled !== undefined) merged.enabled = setting.enabled;
        if (setting.severity !== undefined) merged.severity = setting.severity;
        out.rules[id] = merged;
      }
    } else {
      (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}
