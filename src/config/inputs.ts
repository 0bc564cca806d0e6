/**
 * GitHub Action inputs -> one options layer (see precedence.ts: they override the config file, CLI flags override
 * them). An input left empty sets nothing, so the config file's value (or the default) stays. Pure: `getInput` is
 * `core.getInput` in the Action and a plain lookup in tests.
 */
import type { OptionsLayer } from './precedence.js';
import { ConfigError, parseSeverity } from './load.js';
import type { AccessAnalyzerMode } from './options.js';
import { CHANNEL_MODES, COMMENT_MODES, COMMENT_TAG } from './noise.js';

/** Inputs that map onto options (besides `paths` and `config`, which say what to scan and where the file is). */
export const OPTION_INPUTS = ['fail-on', 'fail-on-existing', 'access-analyzer', 'aws-region', 'max-inline-comments', 'comment', 'inline', 'annotations', 'comment-tag', 'organization-live'] as const;

export function actionInputsLayer(getInput: (name: string) => string): OptionsLayer {
  const layer: OptionsLayer = {};
  const get = (name: string) => (getInput(name) ?? '').trim();
  const failOn = get('fail-on');
  if (failOn === 'none') layer.reportOnly = true;
  else if (failOn) Object.assign(layer, { failOn: parseSeverity(failOn, 'input fail-on'), reportOnly: false });
  const existing = get('fail-on-existing');
  if (existing) {
    if (!/^(true|false)$/i.test(existing)) throw new ConfigError(`input fail-on-existing must be true or false (got ${JSON.stringify(existing)})`);
    layer.failOnExisting = existing.toLowerCase() === 'true';
  }
  const aa = get('access-analyzer');
  if (aa) {
    if (!['auto', 'on', 'off'].includes(aa)) throw new ConfigError(`input access-analyzer must be auto, on or off (got ${JSON.stringify(aa)})`);
    layer.accessAnalyzer = aa as AccessAnalyzerMode;
  }
  const live = get('organization-live');
  if (live) {
    if (!/^(true|false)$/i.test(live)) throw new ConfigError(`input organization-live must be true or false (got ${JSON.stringify(live)})`);
    layer.organizationLive = live.toLowerCase() === 'true';
  }
  const region = get('aws-region');
  if (region) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new ConfigError(`input aws-region must be an AWS region such as us-east-1 (got ${JSON.stringify(region)})`);
    layer.aa = { region };
  }
  const max = get('max-inline-comments');
  if (max) {
    if (!/^\d+$/.test(max)) throw new ConfigError(`input max-inline-comments must be a whole number (got ${JSON.stringify(max)})`);
    layer.maxInlineComments = Number(max);
  }
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const v = get(name);
    if (!v) return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw new ConfigError(`input ${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
    return v as T;
  };
  const comment = oneOf('comment', COMMENT_MODES);
  if (comment) layer.comment = comment;
  const inline = oneOf('inline', CHANNEL_MODES);
  if (inline) layer.inline = inline;
  const annotations = oneOf('annotations', CHANNEL_MODES);
  if (annotations) layer.annotations = annotations;
  const tag = get('comment-tag');
  if (tag) {
    if (!COMMENT_TAG.test(tag)) throw new ConfigError(`input comment-tag must be 1-40 letters, digits, ".", "_" or "-" (got ${JSON.stringify(tag)})`);
    layer.commentTag = tag;
  }
  return layer;
}
