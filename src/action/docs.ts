/**
 * README's table of the Action's inputs and outputs, generated from action.yml (one source: a test fails when
 * README.md differs; `npm run docs` rewrites the block between the markers). Pure.
 */
import { parse } from 'yaml';

export const ACTION_DOCS_START = '<!-- action-inputs:start (generated from action.yml by `npm run docs`) -->';
export const ACTION_DOCS_END = '<!-- action-inputs:end -->';

interface ActionYml {
  inputs?: Record<string, { description?: string; default?: unknown }>;
  outputs?: Record<string, { description?: string }>;
}

const cell = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

export function actionDocsTable(actionYml: string): string {
  const a = parse(actionYml) as ActionYml;
  const lines = ['| Input | Default | What it does |', '|---|---|---|'];
  for (const [name, i] of Object.entries(a.inputs ?? {})) {
    const d = i.default === undefined || i.default === '' ? '' : `\`${cell(String(i.default))}\``;
    lines.push(`| \`${name}\` | ${d} | ${cell(i.description ?? '')} |`);
  }
  lines.push('', '| Output | What it holds |', '|---|---|');
  for (const [name, o] of Object.entries(a.outputs ?? {})) lines.push(`| \`${name}\` | ${cell(o.description ?? '')} |`);
  return lines.join('\n');
}

/** README with the generated block replaced (or unchanged when it has no markers). */
export function withActionDocs(readme: string, actionYml: string): string {
  const s = readme.indexOf(ACTION_DOCS_START);
  const e = readme.indexOf(ACTION_DOCS_END);
  if (s < 0 || e < s) return readme;
  return `${readme.slice(0, s)}${ACTION_DOCS_START}\n\n${actionDocsTable(actionYml)}\n\n${readme.slice(e)}`;
}
