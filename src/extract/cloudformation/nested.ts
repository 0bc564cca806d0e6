/**
 * Nested stacks: `AWS::CloudFormation::Stack` (`TemplateURL`, or CDK's `Metadata["aws:asset:path"]` in cdk.out) and
 * SAM's `AWS::Serverless::Application` (`Location`) whose template is a file of the repository. The child is
 * analysed with the parameter values the parent passes (a parent passing `"*"` into a child's trust policy is a
 * finding on the child's line, naming the parent), on top of the child's own analysis with its defaults when the
 * child file is scanned too.
 *
 * Only repository-local relative paths are read, through the extractor's contained reader (realpath containment,
 * size limit); URLs (`https://`, `s3://`) are deployment artefacts and are not fetched. Depth and cycles are bounded.
 * Pure apart from the reader.
 */
import path from 'node:path';
import type { CMap, CNode } from './yaml.js';
import { str, getIn } from './yaml.js';
import { Resolver } from './intrinsics.js';
import { OUTSIDE_VALUE } from './intrinsic-model.js';
import type { TemplateModel } from './intrinsic-model.js';
import { parseTemplate } from './yaml.js';
import { everyChoice } from './branches.js';
import type { ExtractInput } from '../types.js';

export const MAX_NESTING = 5;

export interface NestedStack {
  logicalId: string;
  /** The node that names the child (TemplateURL, Location or the asset path), for findings. */
  node: CNode;
  /** Repository-relative path of the child template, when it is a local file. */
  repoPath?: string;
  /** Why the child is not read (a URL, an absolute path, a path leaving the repository, not a string). */
  refused?: { reason: string; quiet: boolean };
  /**
   * Parameter values the parent passes that are known statically; OUTSIDE_VALUE for values from outside the
   * repository (the child analyses them at their worst); other unknown ones are left to the child.
   */
  parameters: Record<string, unknown>;
  /** Parameters the parent passes whose value is known only at deploy time. */
  unknown: string[];
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The nested stacks of a template whose location can be judged (local file, or refused with a reason). */
export function nestedStacks(resources: Map<string, CMap>, r: Resolver, parentRepoPath: string): NestedStack[] {
  const out: NestedStack[] = [];
  for (const [logicalId, node] of resources) {
    const type = str(node.entries.get('Type'));
    if (type !== 'AWS::CloudFormation::Stack' && type !== 'AWS::Serverless::Application') continue;
    const props = node.entries.get('Properties');
    const propsMap = props && props.kind === 'map' ? props : undefined;
    const asset = getIn(node, 'Metadata', 'aws:asset:path');
    const locNode = type === 'AWS::CloudFormation::Stack' ? propsMap?.entries.get('TemplateURL') : propsMap?.entries.get('Location');
    // SAM applications from the Serverless Application Repository: { ApplicationId, SemanticVersion }
    if (type === 'AWS::Serverless::Application' && locNode?.kind === 'map' && !asset) continue;
    const where = asset ?? locNode;
    if (!where) continue;
    const written = r.valueKnown(where);
    const parametersNode = propsMap?.entries.get('Parameters');
    const parameters: Record<string, unknown> = {};
    const unknown: string[] = [];
    if (parametersNode && parametersNode.kind === 'map') {
      for (const [name, v] of parametersNode.entries) {
        const known = r.valueKnown(v);
        if (!known.known || known.value === undefined || known.value === null || typeof known.value === 'object' && !Array.isArray(known.value)) {
          unknown.push(name);
          // a value from outside the repository (an import, the parent's parameter without default): the child
          // analyses it at its worst, never with its own default
          if (JSON.stringify(r.worst(v)) !== JSON.stringify(known.value)) parameters[name] = OUTSIDE_VALUE;
          continue;
        }
        // CloudFormation passes every parameter as a string (lists comma-joined)
        parameters[name] = Array.isArray(known.value) ? known.value.map(String).join(',') : String(known.value);
      }
    }
    const stack: NestedStack = { logicalId, node: where, parameters, unknown };
    const loc = typeof written.value === 'string' && written.known ? written.value.trim() : undefined;
    if (loc === undefined) stack.refused = { reason: 'its template location is not known statically', quiet: true };
    else if (URL_SCHEME.test(loc)) stack.refused = { reason: `its template is at ${loc}, which is not fetched`, quiet: true };
    else if (path.posix.isAbsolute(loc) || path.win32.isAbsolute(loc)) stack.refused = { reason: `${loc} is an absolute path; only repository-relative paths are read`, quiet: false };
    else {
      const base = path.posix.dirname(parentRepoPath);
      const rel = path.posix.normalize(path.posix.join(base === '.' ? '' : base, loc.replace(/\\/g, '/')));
      if (rel.startsWith('../') || rel === '..') stack.refused = { reason: `${loc} is outside the repository`, quiet: false };
      else stack.repoPath = rel;
    }
    out.push(stack);
  }
  return out;
}

/** How a child template is reached through a nested stack (extractTemplate's second argument). */
export interface Nesting {
  /** `child@parent:Stack`: ids and principal scope of the child's records in this context. */
  scope: string;
  /** `parent#Stack`. */
  parent: string;
  /** Parameter values the parent passes (known ones). */
  parameters: Record<string, unknown>;
  depth: number;
  /** Repository paths of the templates on the way down (cycles). */
  chain: string[];
}

/**
 * `!GetAtt Child.Outputs.Name` from the child template in the repository, resolved with the parameters the parent
 * passes (once per stack; deploy-time values stay unknown, so the caller keeps its placeholder).
 */
export function nestedOutputs(input: ExtractInput, model: TemplateModel, resolver: Resolver, nesting?: Nesting): TemplateModel['nestedOutput'] {
  const cache = new Map<string, Map<string, { value: unknown; known: boolean }> | undefined>();
  const chain = nesting?.chain ?? [input.repoPath];
  const depth = nesting?.depth ?? 0;
  const outputsOf = (stackId: string): Map<string, { value: unknown; known: boolean }> | undefined => {
    const stack = nestedStacks(new Map([[stackId, model.resources.get(stackId)!]]), resolver, input.repoPath)[0];
    if (!stack?.repoPath || chain.includes(stack.repoPath) || depth + 1 > MAX_NESTING) return undefined;
    let root: CNode;
    try {
      root = parseTemplate(input.readRepoFile(stack.repoPath), stack.repoPath).root;
    } catch {
      return undefined; // reported when the child itself is analysed
    }
    const outputs = getIn(root, 'Outputs');
    const resources = getIn(root, 'Resources');
    if (root.kind !== 'map' || !outputs || outputs.kind !== 'map') return undefined;
    const params = getIn(root, 'Parameters');
    const conditions = getIn(root, 'Conditions');
    const childModel: TemplateModel = {
      parameters: params && params.kind === 'map' ? params.entries : new Map(),
      mappings: root.entries.get('Mappings'),
      conditions: conditions && conditions.kind === 'map' ? conditions.entries : new Map(),
      resources: new Map([...(resources && resources.kind === 'map' ? resources.entries : new Map<string, CNode>())].filter((e): e is [string, CMap] => e[1].kind === 'map')),
      parameterValues: { ...stack.parameters },
      env: model.env,
    };
    const childResolver = new Resolver(childModel);
    const out = new Map<string, { value: unknown; known: boolean }>();
    for (const [name, o] of outputs.entries) {
      const v = getIn(o, 'Value');
      if (!v) continue;
      const r = childResolver.valueKnown(v);
      out.set(name, { value: r.value, known: r.known });
    }
    return out;
  };
  return (stackId, output) => {
    if (!model.resources.has(stackId)) return undefined;
    if (!cache.has(stackId)) {
      cache.set(stackId, undefined); // a cycle through outputs ends here
      cache.set(stackId, outputsOf(stackId));
    }
    return cache.get(stackId)?.get(output);
  };
}

/**
 * Each nested stack once per distinct set of parameter values it may pass (an `Fn::If` over a parameter default in
 * `Parameters` is two sets), with the branch and the stack's own Condition when not certainly true.
 */
export function stackVariants(model: TemplateModel, resolver: Resolver, repoPath: string): { stack: NestedStack; when?: { text: string; branch?: string } }[] {
  const out: { stack: NestedStack; when?: { text: string; branch?: string } }[] = [];
  for (const [id, res] of model.resources) {
    const type = str(res.entries.get('Type'));
    if (type !== 'AWS::CloudFormation::Stack' && type !== 'AWS::Serverless::Application') continue;
    const { values } = everyChoice(resolver, () => nestedStacks(new Map([[id, res]]), resolver, repoPath)[0]);
    const cond = str(res.entries.get('Condition'));
    const conditional = cond !== undefined && resolver.certainCondition(cond, res.entries.get('Condition')!) !== true;
    const distinct = new Map<string, { stack: NestedStack; labels: string[] }>();
    for (const { value: stack, label } of values) {
      if (!stack) continue;
      const key = JSON.stringify(Object.entries(stack.parameters).map(([k, v]) => [k, v === OUTSIDE_VALUE ? '\u0000outside' : v]));
      const d = distinct.get(key) ?? { stack, labels: [] };
      if (label) d.labels.push(label);
      distinct.set(key, d);
    }
    for (const { stack, labels } of distinct.values()) {
      const branch = distinct.size > 1 ? labels.slice(0, 3).join(' or ') || undefined : undefined;
      const parts = [conditional ? cond : undefined, branch].filter((x): x is string => !!x);
      out.push(parts.length ? { stack, when: { text: `when ${parts.join(' and ')}`, ...(branch ? { branch } : {}) } } : { stack });
    }
  }
  return out;
}
