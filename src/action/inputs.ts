/** The Action's inputs (action.yml) and environment, read through @actions/core; secrets masked first. */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/load.js';
import { actionInputsLayer } from '../config/inputs.js';
import type { OptionLayers } from '../config/precedence.js';
import type { WorkflowPlan } from '../gate.js';

/** core.getInput returns '' for an input absent from the environment: fall back to the action.yml default. */
export function input(name: string, fallback: string): string {
  const v = core.getInput(name);
  return v === '' ? fallback : v;
}

export function parseBool(v: string, name: string): boolean {
  if (/^(true|yes|1|on)$/i.test(v.trim())) return true;
  if (/^(false|no|0|off)$/i.test(v.trim())) return false;
  throw new ConfigError(`input ${name} must be true or false, got "${v}"`);
}

/** Secrets the action handles (its token input, AWS credentials from the environment): masked in every log line. */
export function maskSecrets(env: NodeJS.ProcessEnv = process.env): void {
  const values = [core.getInput('github-token'), core.getInput('token'), env.GITHUB_TOKEN, env.INPUT_GITHUB_TOKEN, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, env.ACTIONS_RUNTIME_TOKEN, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN];
  for (const v of values) if (v && v.trim().length >= 4) core.setSecret(v);
}

/** `mode`: analyse (default) or report. */
export function modeInput(): 'analyse' | 'report' {
  const mode = input('mode', 'analyse');
  if (mode !== 'analyse' && mode !== 'report') throw new ConfigError(`input mode must be analyse or report (got ${JSON.stringify(mode)})`);
  return mode;
}

/** The `paths` input: comma- or newline-separated. */
export function pathsInput(): string[] {
  return input('paths', '.')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function githubToken(): string {
  return input('github-token', '') || process.env.GITHUB_TOKEN || '';
}

/** owner/name from GITHUB_REPOSITORY ('' when absent). */
export function repository(): { owner: string; repo: string } {
  const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  return { owner, repo };
}

/** The `config` input and the inputs layer of the option precedence (defaults < config file < Action inputs). */
export function configInputs(): { configPath: string | undefined; layers: Omit<OptionLayers, 'file'> } {
  // the old input name max-comments is max-inline-comments (one name, as in the config file)
  const legacyMax = core.getInput('max-comments');
  if (legacyMax) core.warning('Input max-comments is deprecated: use max-inline-comments (the config file key has the same name).');
  return {
    configPath: core.getInput('config') || undefined,
    layers: { action: actionInputsLayer((n) => (n === 'max-inline-comments' ? core.getInput(n) || legacyMax : core.getInput(n))) },
  };
}

/** Plans the workflow generated (terraform show -json) for this checkout: trusted inputs, read where they are. */
export function terraformPlanInputs(workspace: string): WorkflowPlan[] {
  return core
    .getInput('terraform-plan')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((f) => ({ display: f, text: readFileSync(path.resolve(workspace, f), 'utf8') }));
}

/** An explicit report path is the user's (relative to the workspace); the default goes under RUNNER_TEMP. */
export function reportPath(given: string, name: string, workspace: string): string {
  if (given) return path.resolve(workspace, given);
  const temp = process.env.RUNNER_TEMP;
  return temp ? path.join(temp, 'iam-policy-gate', name) : path.resolve(workspace, name);
}
