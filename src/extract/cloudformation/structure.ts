/**
 * Template structure around the resources: Fn::ForEach expansion, DependsOn cycles, AWS::Include and macros, SAM's
 * implicit roles, parameter files. Used by index.ts.
 */
import type { CMap, CNode } from './yaml.js';
import { parseTemplate, str, getIn, plain } from './yaml.js';
import type { Resolver } from './intrinsics.js';
import type { TemplateModel } from './intrinsic-model.js';

/** Most resources one template may generate through Fn::ForEach (all levels together). */
const MAX_FOREACH_RESOURCES = 2000;

/**
 * `Fn::ForEach::Name: [Identifier, Collection, { OutputKey: Template }]` in Resources (language extensions),
 * expanded at every level (a template may hold another `Fn::ForEach::` key). A loop the gate cannot expand (a
 * collection that is not a known list, a malformed loop) is reported through `cannot`: the resources it would
 * create are not analysed, so the verdict must be incomplete.
 */
export function forEach(
  r: Resolver,
  key: string,
  node: CNode,
  add: (logicalId: string, node: CMap, locals: Map<string, unknown>) => void,
  cannot: (n: CNode, message: string) => void,
  outer: Map<string, unknown> = new Map(),
  budget = { left: MAX_FOREACH_RESOURCES },
  depth = 0,
): void {
  if (depth > 8) {
    cannot(node, `${key}: Fn::ForEach nested deeper than 8 levels`);
    return;
  }
  if (node.kind !== 'seq' || node.items.length !== 3) {
    cannot(node, `${key} needs [Identifier, Collection, OutputTemplate]`);
    return;
  }
  const ident = str(node.items[0]);
  const coll = r.withLocals(outer, () => r.valueKnown(node.items[1]!));
  const out = node.items[2]!;
  if (!ident || !Array.isArray(coll.value) || out.kind !== 'map') {
    cannot(node, `${key}: could not expand (identifier, collection or output template not understood)`);
    return;
  }
  // analysed with the stand-ins it has, but what the real collection generates is not known
  if (!coll.known) cannot(node, `${key}: the collection is not known offline (${[...new Set(coll.reasons)].join('; ')})`);
  for (const v of coll.value) {
    const value = typeof v === 'string' ? v : String(v);
    const locals = new Map(outer);
    locals.set(ident, value);
    for (const [tmplKey, body] of out.entries) {
      let lid = tmplKey;
      for (const [name, lv] of locals) {
        const sv = String(lv);
        lid = lid.split('${' + name + '}').join(sv).split('&{' + name + '}').join(sv.replace(/[^A-Za-z0-9]/g, ''));
      }
      if (tmplKey.startsWith('Fn::ForEach::')) {
        forEach(r, lid, body, add, cannot, locals, budget, depth + 1);
        continue;
      }
      if (body.kind !== 'map' || !str(body.entries.get('Type'))) {
        cannot(body, `${key}: output ${tmplKey} is not a resource (no Type)`);
        continue;
      }
      if (--budget.left < 0) {
        if (budget.left === -1) cannot(node, `Fn::ForEach generates more than ${MAX_FOREACH_RESOURCES} resources; the rest were not analysed`);
        return;
      }
      add(lid, body, locals);
    }
  }
}

export function dependsOnCycles(model: TemplateModel, problem: (n: CNode, message: string) => void): void {
  const deps = new Map<string, string[]>();
  for (const [id, node] of model.resources) {
    const d = node.entries.get('DependsOn');
    if (!d) continue;
    const list = d.kind === 'seq' ? d.items.map(str) : [str(d)];
    deps.set(id, list.filter((x): x is string => !!x));
  }
  if (!deps.size) return;
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 1);
    stack.push(id);
    for (const next of deps.get(id) ?? []) {
      if (!model.resources.has(next)) {
        const n = model.resources.get(id)!.entries.get('DependsOn')!;
        problem(n, `${id} DependsOn ${next}, which is not a resource of this template`);
        continue;
      }
      const s = state.get(next);
      if (s === 1) {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const k = [...cycle].sort().join(',');
        if (!reported.has(k)) {
          reported.add(k);
          problem(model.resources.get(id)!.entries.get('DependsOn')!, `DependsOn cycle: ${cycle.join(' -> ')}`);
        }
      } else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const id of deps.keys()) if (!state.has(id)) visit(id);
}

export function findAwsInclude(root: CNode, macro?: (n: CNode, name: string) => void): CNode[] {
  const out: CNode[] = [];
  const visit = (n: CNode, depth: number): void => {
    if (depth > 64) return;
    if (n.kind === 'map') {
      const fnT = n.entries.get('Fn::Transform');
      const t = fnT ?? (depth === 0 ? n.entries.get('Transform') : undefined);
      if (t) {
        const items = t.kind === 'seq' ? t.items : [t];
        for (const it of items) {
          const name = str(getIn(it, 'Name')) ?? (fnT ? str(it) : undefined);
          if (name === 'AWS::Include') out.push(it);
          // a macro called in place (Fn::Transform) rewrites that part of the template at deploy time
          else if (fnT && name !== undefined && macro) macro(it, name);
        }
      }
      for (const v of n.entries.values()) visit(v, depth + 1);
    } else if (n.kind === 'seq') for (const v of n.items) visit(v, depth + 1);
  };
  visit(root, 0);
  return out;
}

/**
 * Resources SAM generates that templates refer to (`!GetAtt MyFunctionRole.Arn`): the execution role of each
 * function / state machine without an explicit `Role`. Added to the model for resolution only.
 */
export function samImplicitResources(model: TemplateModel, globals: CNode | undefined): Set<string> {
  const out = new Set<string>();
  for (const [id, node] of [...model.resources]) {
    const type = str(node.entries.get('Type'));
    if (type !== 'AWS::Serverless::Function' && type !== 'AWS::Serverless::StateMachine') continue;
    const section = type === 'AWS::Serverless::Function' ? 'Function' : 'StateMachine';
    if (getIn(node, 'Properties', 'Role') || getIn(globals, section, 'Role')) continue;
    const roleId = `${id}Role`;
    if (model.resources.has(roleId)) continue;
    const t = node.entries.get('Type')!;
    const typeNode: CNode = { kind: 'scalar', value: 'AWS::IAM::Role', src: t.src, start: t.start, end: t.end };
    model.resources.set(roleId, { kind: 'map', entries: new Map([['Type', typeNode]]), keys: new Map([['Type', t.start]]), src: node.src, start: node.start, end: node.end });
    out.add(roleId);
  }
  return out;
}

/**
 * A parameters file: the CloudFormation CLI format (`[{ ParameterKey, ParameterValue }]`), the CodePipeline / SAM
 * config format (`{ Parameters: { Name: value } }`), or a plain `{ Name: value }` map; JSON or YAML.
 */
export function parameterFile(text: string, name: string): Record<string, unknown> {
  const v = plain(parseTemplate(text, name).root);
  const out: Record<string, unknown> = {};
  if (Array.isArray(v)) {
    for (const e of v) {
      const o = e as Record<string, unknown> | null;
      if (!o || typeof o !== 'object' || typeof o.ParameterKey !== 'string') throw new Error('expected a list of { ParameterKey, ParameterValue }');
      out[o.ParameterKey] = o.ParameterValue;
    }
    return out;
  }
  if (!v || typeof v !== 'object') throw new Error('expected a list of { ParameterKey, ParameterValue } or a mapping');
  const o = v as Record<string, unknown>;
  const params = o.Parameters && typeof o.Parameters === 'object' && !Array.isArray(o.Parameters) ? (o.Parameters as Record<string, unknown>) : o;
  for (const [k, x] of Object.entries(params)) out[k] = x;
  return out;
}

const KNOWN_TRANSFORMS = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions', 'AWS::Include', 'AWS::SecretsManager-2020-07-23', 'AWS::CodeDeployBlueGreen', 'AWS::ServiceCatalog']);

/** Top-level `Transform` entries naming macros we do not expand. */
export function macros(root: CMap, report: (n: CNode, name: string) => void): void {
  const t = root.entries.get('Transform');
  if (!t) return;
  for (const it of t.kind === 'seq' ? t.items : [t]) {
    const name = str(it) ?? str(getIn(it, 'Name'));
    if (name && !KNOWN_TRANSFORMS.has(name)) report(it, name);
  }
}
