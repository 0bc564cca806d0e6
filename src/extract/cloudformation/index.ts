/**
 * CloudFormation and SAM templates (YAML or JSON, any file name): every IAM policy with exact lines, resolved
 * offline. Detection is by content (`AWSTemplateFormatVersion`, or `Resources` with `Type: AWS::...`), so files
 * that are not templates fall through to the other extractors and are skipped quietly in a directory walk.
 */
import { pathGlobMatch } from '../../util/path-glob.js';
import type { PrincipalRef } from '../../policy/types.js';
import type { Extractor, ExtractInput, ExtractResult } from '../types.js';
import { emptyResult } from '../types.js';
import type { CMap, CNode } from './yaml.js';
import { parseTemplate, str, spanOf, getIn, intrinsicName } from './yaml.js';
import type { ParseWarning } from './yaml.js';
import { Resolver, OUTSIDE_VALUE } from './intrinsics.js';
import type { TemplateModel } from './intrinsics.js';
import { localDefinitionPolicy, openApiBodyPolicy } from './openapi.js';
import { bucketAccessControl } from './bucket-acl.js';
import { customOrganizationsPolicy, isCustomOrgPolicyType } from './custom-org-policy.js';
import { foreignSuppressions } from './foreign-suppressions.js';
import { expandIncludes, localAwsIncludeLocation, mayInclude } from './include.js';
import type { IncludeContext } from './include.js';
import type { BuildContext, ResourceInfo } from './builder.js';
import { emitDocument, emitEntity, finding, inlineSuppressions, walk, pick } from './builder.js';
import { serverlessFrameworkRole, isServerlessFramework, emptyMap } from './serverless-framework.js';
import { rowFor } from './resources.js';
import { attachments, managedAttachment } from './attach.js';
import { lambdaPermission, layerPermission, eventBusPolicy, organizationsPolicy, permissionSet } from './synth.js';
import { samFunctionLike, samApi, samConnector, withGlobals } from './sam.js';
import { MAX_NESTING, nestedStacks } from './nested.js';
import { appendAll } from '../../util/arrays.js';
import type { NestedStack } from './nested.js';
import { perBranch, everyChoice } from './branches.js';
import { forEach, dependsOnCycles, findAwsInclude, samImplicitResources, macros, parameterFile } from './structure.js';
export { parameterFile };

/** Keys at the start of a line or after `{`/`,` (not inside an escaped JSON string, e.g. a plan's template_body). */
const HEADER = /(^|\n|[{,])\s*["']?AWSTemplateFormatVersion["']?\s*:/;
const RESOURCES = /(^|\n|[{,])\s*["']?Resources["']?\s*:/;
const RESOURCE_TYPE = /["']?Type["']?\s*:\s*["']?(AWS|Alexa|Custom)::[A-Za-z0-9]/;

/** Serverless Framework service files (`service:` + `provider:` at the top level). */
const SLS_SERVICE = /(^|\n)service\s*:/;
const SLS_PROVIDER = /(^|\n)provider\s*:\s*\n/;

/** Content test: a CloudFormation/SAM template (or a Serverless Framework service, whose resources are one). */
export function isTemplate(text: string): boolean {
  if (HEADER.test(text)) return true;
  if (SLS_SERVICE.test(text) && SLS_PROVIDER.test(text)) return true;
  return RESOURCES.test(text) && RESOURCE_TYPE.test(text);
}

export const cloudformationExtractor: Extractor = {
  name: 'cloudformation',
  detect(file, text) {
    if (/\.(tf|tofu|hcl|tfvars)$/i.test(file)) return false;
    return isTemplate(text);
  },
  extract(input: ExtractInput): ExtractResult {
    return extractTemplate(input);
  },
};

/** How a child template is reached through a nested stack (see nested.ts). */
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

export function extractTemplate(input: ExtractInput, nesting?: Nesting): ExtractResult {
  const result = emptyResult();
  const { file, text } = input;
  let root: CNode;
  let warnings: ParseWarning[];
  try {
    const parsed = parseTemplate(text, file);
    root = parsed.root;
    warnings = parsed.warnings;
  } catch (e) {
    const err = e as Error & { line?: number; column?: number };
    result.errors.push({ file, line: err.line, column: err.column, message: `invalid template: ${err.message}`, kind: 'input' });
    return result;
  }
  for (const w of warnings) {
    const span = { file, start: { line: w.line, column: w.column }, end: { line: w.line, column: w.column } };
    const tag = /^Unresolved tag: (\S+)/.exec(w.message);
    const message = tag ? `unknown YAML tag ${tag[1]}: not a CloudFormation intrinsic function; its value is used as written` : w.message;
    const title = w.rule === 'duplicate-key' ? 'Duplicate key' : 'Template problem';
    result.findings.push(finding(file, span, w.rule ?? 'cfn-invalid-template', w.severity ?? 'warning', title, message));
  }
  if (root.kind !== 'map') {
    if (input.explicit) result.errors.push({ file, line: 1, message: 'not a CloudFormation template (the top level is not a mapping)', kind: 'input' });
    return result;
  }
  const texts = new Map<string, string>([[file, text]]);
  const inc: IncludeContext = {
    readRepoFile: (p) => {
      const t = input.readRepoFile(p);
      texts.set(input.displayPath(p), t);
      return t;
    },
    displayPath: input.displayPath,
    problems: [],
    dependencies: new Set(),
    refusedNodes: new Set(),
    bytes: 0,
  };
  if (mayInclude(text)) root = expandIncludes(root, input.repoPath, inc);
  for (const p of inc.problems) {
    result.findings.push(finding(file, spanOf(p.node), p.rule, 'warning', p.rule === 'include-refused' ? 'Include refused' : 'Include not resolved',
      `${p.message}. The policies that use it are incomplete.`, undefined,
      'Use a repository-local relative path, or analyse the processed template instead.'));
    // what the include would have added is not analysed: the verdict must say incomplete, never pass
    const at = spanOf(p.node).start;
    result.errors.push({ file, line: at.line, column: at.column, message: `${p.message}; the policies that use it were not fully analysed`, kind: 'extract' });
  }
  if (inc.dependencies.size) result.dependencies = [...inc.dependencies];
  if (root.kind !== 'map') return result;

  const serverless = isServerlessFramework(root);
  const resourcesNode = root.entries.get('Resources') ?? (serverless ? getIn(root, 'resources', 'Resources') ?? emptyMap(root) : undefined);
  if (!resourcesNode || resourcesNode.kind !== 'map') {
    if (input.explicit && !resourcesNode) result.errors.push({ file, line: 1, message: 'CloudFormation template without Resources', kind: 'input' });
    else if (resourcesNode) result.errors.push({ file, line: spanOf(resourcesNode).start.line, message: 'Resources must be a mapping of logical ids to resources', kind: 'input' });
    return result;
  }

  // content added at deploy time (an S3 snippet, a macro's output) is not in the repository: the verdict is incomplete
  const macroUse = (n: CNode, name: string) => {
    result.findings.push(finding(file, spanOf(n), 'cfn-macro-not-expanded', 'warning', 'Macro not expanded',
      `the template uses the macro ${name}; resources or policies the macro adds or changes are not analysed`, undefined,
      'Scan the processed template (aws cloudformation get-template --template-stage Processed) instead.'));
    const at = spanOf(n).start;
    result.errors.push({ file, line: at.line, column: at.column, message: `the macro ${name} runs at deploy time: what it adds or changes was not analysed`, kind: 'extract' });
  };
  const awsInclude = text.includes('Transform') ? findAwsInclude(root, macroUse) : [];
  for (const n of awsInclude) {
    if (localAwsIncludeLocation(n)) continue; // a repository-local Location: read (or refused, saying why) with the includes
    const location = str(getIn(n, 'Parameters', 'Location'));
    const where = location !== undefined ? ` from ${location}` : '';
    result.findings.push(finding(file, spanOf(n), 'include-refused', 'warning', 'AWS::Include not analysed',
      `AWS::Include pulls a snippet${where} at deploy time; it is not fetched, so anything it adds is not analysed`, undefined,
      'Inline the snippet, or scan the processed template (aws cloudformation get-template --template-stage Processed).'));
    const at = spanOf(n).start;
    result.errors.push({ file, line: at.line, column: at.column, message: `AWS::Include${where} is read at deploy time: what it adds was not analysed`, kind: 'extract' });
  }

  macros(root, macroUse);

  const options = input.options;
  const parameterValues: Record<string, unknown> = {};
  for (const entry of options.cfnParameters) {
    if (entry.files.some((g) => pathGlobMatch(g, input.repoPath) || pathGlobMatch(g, file))) {
      if (entry.file) {
        try {
          Object.assign(parameterValues, parameterFile(input.readRepoFile(entry.file), entry.file));
        } catch (e) {
          result.errors.push({ file, message: `parameters file ${entry.file}: ${(e as Error).message}`, kind: 'config' });
        }
      }
      Object.assign(parameterValues, entry.values);
    }
  }
  // a nested stack's parameters win over the child's defaults and configured values: they are what CloudFormation uses
  if (nesting) Object.assign(parameterValues, nesting.parameters);
  const parametersNode = root.entries.get('Parameters');
  const conditionsNode = root.entries.get('Conditions');
  const model: TemplateModel = {
    parameters: parametersNode && parametersNode.kind === 'map' ? parametersNode.entries : new Map(),
    mappings: root.entries.get('Mappings'),
    conditions: conditionsNode && conditionsNode.kind === 'map' ? conditionsNode.entries : new Map(),
    resources: new Map(),
    parameterValues,
    env: { account: options.account, region: options.region, partition: options.partition },
  };
  const resolver = new Resolver(model);
  if (text.includes('AWS::CloudFormation::Stack') || text.includes('AWS::Serverless::Application')) {
    model.nestedOutput = nestedOutputs(input, model, resolver, nesting);
  }
  const locals = new Map<string, Map<string, unknown>>();
  const keyLines = new Map<string, CNode>();
  for (const [id, node] of resourcesNode.entries) {
    if (id.startsWith('Fn::ForEach::')) {
      forEach(resolver, id, node, (lid, n, l) => {
        model.resources.set(lid, n);
        locals.set(lid, l);
      }, (n, message) => {
        result.findings.push(finding(file, spanOf(n), 'cfn-invalid-template', 'warning', 'Template problem', message));
        const at = spanOf(n).start;
        result.errors.push({ file, line: at.line, column: at.column, message: `${message}: the resources it generates were not analysed`, kind: 'extract' });
      });
      continue;
    }
    if (id === 'Fn::Transform') continue; // AWS::Include snippet (reported above)
    if (node.kind !== 'map' || !str(node.entries.get('Type'))) {
      result.findings.push(finding(file, spanOf(node), 'cfn-invalid-template', 'warning', 'Malformed resource',
        `resource ${id} has no resource type (Type must be a string such as AWS::IAM::Role); it was skipped`, id));
      continue;
    }
    model.resources.set(id, node);
    keyLines.set(id, node);
  }
  const synthetic = samImplicitResources(model, root.entries.get('Globals'));
  dependsOnCycles(model, (n, message) => result.findings.push(finding(file, spanOf(n), 'cfn-invalid-template', 'warning', 'Template problem', message)));

  const ctx: BuildContext = {
    file,
    resolver,
    policies: result.policies,
    entities: result.entities,
    findings: result.findings,
    errors: result.errors,
    texts,
    refusedNodes: inc.refusedNodes,
    links: [],
    localFiles: { repoPath: input.repoPath, read: inc.readRepoFile, displayPath: input.displayPath },
    suppressionMappings: input.options.suppressionMappings,
  };
  if (nesting) {
    const passed = Object.keys(nesting.parameters);
    ctx.nested = {
      scope: nesting.scope,
      parent: nesting.parent,
      note: `analysed as the nested stack ${nesting.parent}${passed.length ? ` with its parameters ${passed.join(', ')}` : ''}`,
    };
  }
  const globals = root.entries.get('Globals');
  for (const [logicalId, node] of model.resources) {
    if (synthetic.has(logicalId)) continue;
    const l = locals.get(logicalId);
    const run = () =>
      perBranch(ctx, logicalId, spanOf(node).start.line, () => {
        try {
          extractResource(ctx, logicalId, node, globals);
        } catch (e) {
          result.errors.push({ file, line: spanOf(node).start.line, message: `resource ${logicalId} could not be analysed: ${(e as Error).message}`, kind: 'extract' });
        }
      });
    if (l) resolver.withLocals(l, run);
    else run();
  }
  if (serverless) perBranch(ctx, 'provider.iam', 1, () => serverlessFrameworkRole(ctx, root));
  applyLinks(ctx);
  for (const issue of resolver.issues) {
    result.findings.push(finding(file, spanOf(issue.node), issue.rule, 'warning', 'Template problem', issue.message));
  }
  if (text.includes('AWS::CloudFormation::Stack') || text.includes('AWS::Serverless::Application')) {
    analyseNestedStacks(input, result, model, resolver, nesting);
  }
  return result;
}

/**
 * `!GetAtt Child.Outputs.Name` from the child template in the repository, resolved with the parameters the parent
 * passes (once per stack; deploy-time values stay unknown, so the caller keeps its placeholder).
 */
function nestedOutputs(input: ExtractInput, model: TemplateModel, resolver: Resolver, nesting?: Nesting): TemplateModel['nestedOutput'] {
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

/** Each nested stack whose template is in the repository: the child analysed with the parameters passed to it. */
function analyseNestedStacks(input: ExtractInput, result: ExtractResult, model: TemplateModel, resolver: Resolver, nesting?: Nesting): void {
  const { file } = input;
  const depth = nesting?.depth ?? 0;
  const chain = nesting?.chain ?? [input.repoPath];
  for (const { stack, when } of stackVariants(model, resolver, input.repoPath)) {
    const at = spanOf(stack.node);
    const notAnalysed = (why: string) =>
      result.findings.push(finding(file, at, 'cfn-nested-stack-not-analysed', 'warning', 'Nested stack not analysed with its parameters',
        `${stack.logicalId}: ${why}; the child template's policies were not analysed with the parameters this stack passes`, stack.logicalId,
        'Keep nested templates in the repository and name them by a relative path (TemplateURL: ./child.yaml), or scan the packaged child template with a parameters file.'));
    if (stack.refused) {
      if (!stack.refused.quiet) notAnalysed(stack.refused.reason);
      continue;
    }
    const childPath = stack.repoPath!;
    if (chain.includes(childPath)) {
      notAnalysed(`${childPath} is already on the way down (${[...chain, childPath].join(' -> ')}): a nesting cycle`);
      continue;
    }
    if (depth + 1 > MAX_NESTING) {
      notAnalysed(`nesting deeper than ${MAX_NESTING} levels`);
      continue;
    }
    let text: string;
    try {
      text = input.readRepoFile(childPath);
    } catch (e) {
      notAnalysed(`${childPath}: ${(e as Error).message}`);
      continue;
    }
    (result.dependencies ??= []).push(childPath);
    const childFile = input.displayPath(childPath);
    const scope = `${childFile}@${file}:${stack.logicalId}${when?.branch ? `@when:${when.branch}` : ''}`;
    const child = extractTemplate(
      { ...input, file: childFile, repoPath: childPath, text, explicit: false },
      { scope, parent: `${file}#${stack.logicalId}`, parameters: stack.parameters, depth: depth + 1, chain: [...chain, childPath] },
    );
    // the stack exists only under a condition, or passes these values only in one branch: its Denies cancel nothing
    if (when) for (const p of child.policies) p.when = p.when ? `${when.text} and ${p.when.replace(/^when /, '')}` : when.text;
    if (!isTemplate(text)) {
      notAnalysed(`${childPath} is not a CloudFormation template`);
      continue;
    }
    appendAll(result.policies, child.policies);
    appendAll(result.entities, child.entities);
    // the child's own template problems are reported by its standalone analysis; keep what only this context shows
    appendAll(result.findings, child.findings.filter((f) => f.ruleId === 'cfn-nested-stack-not-analysed' || f.policyId !== undefined));
    appendAll(result.errors, child.errors);
    if (child.dependencies) appendAll(result.dependencies, child.dependencies);
  }
}

/**
 * Each nested stack once per distinct set of parameter values it may pass (an `Fn::If` over a parameter default in
 * `Parameters` is two sets), with the branch and the stack's own Condition when not certainly true.
 */
function stackVariants(model: TemplateModel, resolver: Resolver, repoPath: string): { stack: NestedStack; when?: { text: string; branch?: string } }[] {
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

function extractResource(ctx: BuildContext, logicalId: string, node: CMap, globals: CNode | undefined): void {
  const type = str(node.entries.get('Type'))!;
  const propsNode = pick(ctx.resolver, node.entries.get('Properties'));
  let props = propsNode && propsNode.kind === 'map' ? propsNode : undefined;
  if (type === 'AWS::Serverless::Function') props = withGlobals(props, globals, 'Function');
  else if (type === 'AWS::Serverless::Api') props = withGlobals(props, globals, 'Api');
  else if (type === 'AWS::Serverless::StateMachine') props = withGlobals(props, globals, 'StateMachine');
  const notes: string[] = [];
  const cond = str(node.entries.get('Condition'));
  let when: string | undefined;
  if (cond) {
    const certain = ctx.resolver.certainCondition(cond, node.entries.get('Condition')!);
    if (certain !== true) {
      when = `when ${cond}`;
      notes.push(certain === false
        ? `created only when condition ${cond} is true (it is false with the parameter values given); analysed in case it is`
        : `created only when condition ${cond} is true (it depends on parameters chosen at deploy time): its Allows are analysed, its Denies take nothing away for sure`);
    }
  }
  const foreign = foreignSuppressions(ctx.file, node, ctx.suppressionMappings ?? {});
  const suppressions = [...inlineSuppressions(ctx.file, node), ...foreign.mapped];
  const res: ResourceInfo = { logicalId, type, node, props, suppressions, notes, ...(foreign.unmapped.length ? { foreign: foreign.unmapped } : {}), ...(when ? { when } : {}) };
  switch (type) {
    case 'AWS::Serverless::Function':
      return samFunctionLike(ctx, res, 'function');
    case 'AWS::Serverless::StateMachine':
      return samFunctionLike(ctx, res, 'state-machine');
    case 'AWS::Serverless::Api':
      openApiBodyPolicy(ctx, res, 'DefinitionBody');
      localDefinitionPolicy(ctx, res, ctx.localFiles);
      return samApi(ctx, res);
    case 'AWS::Serverless::HttpApi':
      return samApi(ctx, res);
    case 'AWS::ApiGateway::RestApi':
      openApiBodyPolicy(ctx, res, 'Body');
      break;
    case 'AWS::S3::Bucket':
      bucketAccessControl(ctx, res);
      break;
    case 'AWS::Serverless::Connector':
      return samConnector(ctx, res);
    default:
      break;
  }
  const row = rowFor(type);
  if (!row) {
    if (isCustomOrgPolicyType(type)) customOrganizationsPolicy(ctx, res);
    return;
  }
  const self: PrincipalRef | undefined = row.principal ? { kind: row.principal, id: logicalId, via: 'inline' } : undefined;
  if (row.entity && row.entity !== 'permission-set') entity(ctx, res, row.entity);
  const rowAttached = row.attach ? attachments(ctx, res, row.attach, row.via ?? 'inline') : [];
  const nameV = row.nameProp && props ? ctx.resolver.value(props.entries.get(row.nameProp)) : undefined;
  for (const slot of row.slots ?? []) {
    for (const hit of walk(ctx.resolver, props, slot.path)) {
      const itemName = slot.nameKey && hit.parent ? ctx.resolver.value(hit.parent.entries.get(slot.nameKey)) : nameV;
      const attachedTo = slot.type === 'identity' ? (self ? [self] : rowAttached) : [];
      emitDocument(ctx, hit.node, {
        res,
        propertyPath: hit.path.join('/'),
        policyType: slot.type,
        validateResourceType: slot.validateResourceType,
        name: typeof itemName === 'string' ? itemName : undefined,
        attachedTo: [...attachedTo],
      });
    }
  }
  switch (row.synth) {
    case 'lambda-permission':
      lambdaPermission(ctx, res);
      break;
    case 'layer-permission':
      layerPermission(ctx, res);
      break;
    case 'event-bus-policy':
      eventBusPolicy(ctx, res);
      break;
    case 'organizations-policy':
      organizationsPolicy(ctx, res);
      break;
    case 'permission-set':
      permissionSet(ctx, res);
      break;
    default:
      break;
  }
  if (self && props) {
    const arns = pick(ctx.resolver, props.entries.get('ManagedPolicyArns'));
    if (arns) {
      const items = arns.kind === 'seq' ? arns.items : [arns];
      items.forEach((it, i) => managedAttachment(ctx, res, it, { ...self, via: 'managed' }, `ManagedPolicyArns/${i}`));
    }
    const boundary = props.entries.get('PermissionsBoundary');
    if (boundary) managedAttachment(ctx, res, boundary, { ...self, via: 'boundary' }, 'PermissionsBoundary');
  }
}

function entity(ctx: BuildContext, res: ResourceInfo, kind: NonNullable<ReturnType<typeof rowFor>>['entity']): void {
  if (!kind) return;
  emitEntity(ctx, res, kind, res.props);
  if (kind === 'user' && res.props) {
    const lp = pick(ctx.resolver, res.props.entries.get('LoginProfile'));
    if (lp) emitEntity(ctx, res, 'login-profile', lp, '/LoginProfile', { UserLogicalId: res.logicalId });
    const groups = pick(ctx.resolver, res.props.entries.get('Groups'));
    if (groups) {
      const ids = (groups.kind === 'seq' ? groups.items : [groups]).map((g) => groupId(ctx, g)).filter((x): x is string => !!x);
      emitEntity(ctx, res, 'group-membership', groups, '/Groups', { Users: [res.logicalId], GroupIds: ids });
    }
  }
  if (kind === 'group-membership' && res.props) {
    const e = ctx.entities[ctx.entities.length - 1]!;
    const g = res.props.entries.get('GroupName');
    if (g) e.properties.GroupIds = [groupId(ctx, g)].filter(Boolean);
    const users = pick(ctx.resolver, res.props.entries.get('Users'));
    if (users && users.kind === 'seq') {
      e.properties.UserIds = users.items.map((u) => principalOf(ctx, u, 'AWS::IAM::User')).filter(Boolean);
    }
  }
}

function groupId(ctx: BuildContext, node: CNode): string | undefined {
  return principalOf(ctx, node, 'AWS::IAM::Group');
}

function principalOf(ctx: BuildContext, node: CNode, type: string): string | undefined {
  const n = pick(ctx.resolver, node);
  if (!n) return undefined;
  if (intrinsicName(n) === 'Ref') {
    const id = str((n as CMap).entries.get('Ref'));
    if (id && str(ctx.resolver.model.resources.get(id)?.entries.get('Type')) === type) return id;
  }
  const v = ctx.resolver.value(n);
  if (typeof v !== 'string') return undefined;
  for (const [id, r] of ctx.resolver.model.resources) {
    if (str(r.entries.get('Type')) !== type) continue;
    const pn = ctx.resolver.physicalName(id, r);
    if (pn.known && pn.name === v) return id;
  }
  // a principal this template does not declare: never the resource whose logical id is spelled like the name
  return undefined;
}

/** Managed policies of this template get the principals that attach them; boundary-only ones become `boundary`. */
function applyLinks(ctx: BuildContext): void {
  if (!ctx.links.length) return;
  const byPolicy = new Map<string, PrincipalRef[]>();
  for (const l of ctx.links) {
    const list = byPolicy.get(l.policy) ?? [];
    list.push(l.ref);
    byPolicy.set(l.policy, list);
  }
  for (const rec of ctx.policies) {
    if (rec.resourceType !== 'AWS::IAM::ManagedPolicy') continue;
    const refs = byPolicy.get(rec.resource);
    if (!refs) continue;
    for (const r of refs) {
      if (!rec.attachedTo.some((a) => a.kind === r.kind && a.id === r.id && a.via === r.via)) rec.attachedTo.push(r);
    }
    for (const l of ctx.links) {
      if (l.policy !== rec.resource || !l.when) continue;
      rec.when ??= `${l.when} (attached to ${l.ref.id})`;
      rec.notes = [...(rec.notes ?? []), `attached to ${l.ref.kind} ${l.ref.id} only ${l.when}: its Denies take nothing away for sure`];
    }
    if (rec.attachedTo.length > 0 && rec.attachedTo.every((a) => a.via === 'boundary')) rec.policyType = 'boundary';
  }
}
