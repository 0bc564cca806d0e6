/**
 * tfvars files in the repository that Terraform does not load by itself (`prod.tfvars`, `envs/prod.tfvars`,
 * `staging.tfvars.json`) are each a possible set of inputs: the pipeline runs `terraform apply -var-file=...`. The
 * module is analysed with the defaults (and auto-loaded files) and once more with each such file on top; a policy
 * whose document differs under a file is reported as its own record, named after the file, so a finding says
 * which input set grants it.
 */
import path from 'node:path';
import type { AnalysisError } from '../../findings/types.js';
import type { ExtractInput, ExtractResult } from '../types.js';
import type { V } from './hcl-values.js';

/** Sub-directories of a module where pipelines keep per-environment var files. */
const VAR_DIRS = ['envs', 'env', 'environments', 'vars', 'tfvars', 'config', 'configs'];
/** At most this many var files per module are analysed (each is one more evaluation of the module). */
export const MAX_VAR_FILES = 8;

function isVarFile(f: string): boolean {
  return /\.tfvars(\.json)?$/i.test(f) && !/(^|\/)terraform\.tfvars(\.json)?$/.test(f) && !/\.auto\.tfvars(\.json)?$/.test(f);
}

/** The var files of a module directory (and its per-environment sub-directories) that are not auto-loaded. */
export function moduleVarFiles(input: ExtractInput, dir: string, siblings: string[]): string[] {
  const list = input.listRepoFiles;
  const under = list ? VAR_DIRS.flatMap((d) => list(dir ? `${dir}/${d}` : d)) : [];
  return [...new Set([...siblings, ...under])].filter((f) => isVarFile(f) && !input.options.tfvarsFiles.includes(f)).sort();
}

export function analyseWithVarFiles(
  input: ExtractInput,
  dir: string,
  siblings: string[],
  defaults: Map<string, V>,
  run: (tfvars: Map<string, V>) => ExtractResult,
  load: (rel: string, errors: AnalysisError[]) => Map<string, V> | undefined,
): ExtractResult {
  const base = run(defaults);
  const files = moduleVarFiles(input, dir, siblings);
  if (!files.length) return base;
  const seenDocs = new Map(base.policies.map((p) => [p.id, JSON.stringify(p.document)]));
  const errKey = (e: AnalysisError) => `${e.file}\u0000${e.line ?? ''}\u0000${e.message}`;
  const errs = new Set(base.errors.map(errKey));
  const findingKeys = new Set(base.findings.map((f) => `${f.ruleId}\u0000${f.file}\u0000${f.line}\u0000${f.message}`));
  for (const rel of files.slice(0, MAX_VAR_FILES)) {
    const errors: AnalysisError[] = [];
    const values = load(rel, errors);
    for (const e of errors) if (!errs.has(errKey(e)) && (errs.add(errKey(e)), true)) base.errors.push(e);
    if (!values) continue;
    const merged = new Map(defaults);
    for (const [k, v] of values) merged.set(k, v);
    const shown = input.displayPath(rel);
    const r = run(merged);
    for (const p of r.policies) {
      const doc = JSON.stringify(p.document);
      if (seenDocs.get(p.id) === doc) continue;
      // one version of the document: its Denies take nothing away for sure (PolicyRecord.when)
      const id = `${p.id}@when:var-file=${rel}`;
      if (seenDocs.get(id) === doc) continue;
      seenDocs.set(id, doc);
      base.policies.push({
        ...p,
        id,
        when: p.when ? `${p.when}; with the values of ${shown}` : `with the values of ${shown}`,
        notes: [...(p.notes ?? []), `analysed with the values of ${shown} (terraform apply -var-file=${path.posix.basename(rel)})`],
        // the default version has no `when`: the var file is named on every finding through an assumption
        assumptions: [...(p.assumptions ?? []), { path: '', text: `with the values of ${shown}` }],
      });
    }
    for (const e of r.errors) if (!errs.has(errKey(e)) && (errs.add(errKey(e)), true)) base.errors.push({ ...e, message: `${e.message} (with the values of ${shown})` });
    for (const f of r.findings) {
      const k = `${f.ruleId}\u0000${f.file}\u0000${f.line}\u0000${f.message}`;
      if (findingKeys.has(k)) continue;
      findingKeys.add(k);
      base.findings.push({ ...f, message: `${f.message} (with the values of ${shown})`, fingerprint: `${f.fingerprint}:${rel}` });
    }
    // attachments a var file changes (a policy ARN it sets): the principal's picture must include them
    const known = new Set(base.entities.map((e) => `${e.resource}\u0000${JSON.stringify(e.properties.attachments ?? null)}`));
    for (const e of r.entities) {
      if (e.kind !== 'managed-policy-attachment' && !Array.isArray(e.properties.attachments)) continue;
      const k = `${e.resource}\u0000${JSON.stringify(e.properties.attachments ?? null)}`;
      if (known.has(k)) continue;
      known.add(k);
      base.entities.push({ ...e, id: `${e.id}@when:var-file=${rel}`, properties: { ...e.properties, varFile: shown } });
    }
  }
  return base;
}
