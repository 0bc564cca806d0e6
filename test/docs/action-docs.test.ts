/** README lists every input and output of action.yml, as action.yml says them (generated; `npm run docs`). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { withActionDocs } from '../../src/action/docs.js';
import { OPTION_INPUTS } from '../../src/config/inputs.js';

const root = path.resolve(import.meta.dirname, '../..');
const actionYml = readFileSync(path.join(root, 'action.yml'), 'utf8');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README inputs and outputs', () => {
  it('the committed table is what action.yml generates (run `npm run docs` after changing action.yml)', () => {
    expect(readme).toContain('<!-- action-inputs:start');
    expect(withActionDocs(readme, actionYml)).toBe(readme);
  });
  it('names every input and output, and every option input is declared in action.yml', () => {
    const a = parse(actionYml) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
    for (const name of [...Object.keys(a.inputs), ...Object.keys(a.outputs)]) expect(readme).toContain(`| \`${name}\` |`);
    for (const name of OPTION_INPUTS) expect(Object.keys(a.inputs)).toContain(name);
    // one name for the inline-comment limit
    expect(Object.keys(a.inputs)).not.toContain('max-comments');
  });
  it('the required-check examples have no paths filter (a filtered required check stays pending forever)', () => {
    const docs = readFileSync(path.join(root, 'docs/github-action.md'), 'utf8');
    for (const text of [readme, docs]) expect(text).not.toMatch(/^\s*(pull_request|pull_request_target):\s*\n(\s+\S.*\n)*?\s+paths(-ignore)?:/m);
    // the fork workflow takes the PR number from the artifact (workflow_run.pull_requests is empty for forks)
    expect(docs).not.toContain('workflow_run.pull_requests[0]');
  });
});
