/**
 * CloudFormation and SAM templates (YAML or JSON, any file name): every IAM policy with exact lines, resolved
 * offline. Detection is by content (`AWSTemplateFormatVersion`, or `Resources` with `Type: AWS::...`), so files
 * that are not templates fall through to the other extractors and are skipped quietly in a directory walk.
 */
import { pathGlobMatch } from '../../util/path-glob.js';
import type { Extractor, ExtractInput, ExtractResult } from '../types.js';
import { emptyResult } from '../types.js';
import type { CMap, CNode } from './yaml.js';
import { parseTemplate, str, spanOf, getIn } from './yaml.js';
import type { ParseWarning } from './yaml.js';
import { Resolver } from './intrinsics.js';
import type { TemplateModel } from './intrinsic-model.js';
import { expandIncludes, localAwsIncludeLocation, mayInclude } from './include.js';
import type { IncludeContext } from './include.js';
import type { BuildContext } from './builder.js';
import { finding } from './builder.js';
import { serverlessFrameworkRole, isServerlessFramework, emptyMap } from './serverless-framework.js';
import { MAX_NESTING, nestedOutputs, stackVariants } from './nested.js';
import type { Nesting } from './nested.js';
import { appendAll } from '../../util/arrays.js';
import { perBranch } from './branches.js';
import { applyLinks, extractResource } from './resource.js';
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
  // each pattern only where its word is (a plain search, much cheaper than the pattern over a large plan or policy)
  if (text.includes('AWSTemplateFormatVersion') && HEADER.test(text)) return true;
  if (text.includes('service') && SLS_SERVICE.test(text) && SLS_PROVIDER.test(text)) return true;
  return text.includes('Resources') && RESOURCES.test(text) && text.includes('::') && RESOURCE_TYPE.test(text);
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

export type { Nesting };

export function extractTemplate(input: ExtractInput, nesting?: Nesting): ExtractResult {
  const result = emptyResult();
  const { file, text } = input;
  const parsed = parseRoot(input, result);
  if (!parsed) return result;
  const { root, inc, texts } = withIncludes(input, parsed, result);
  if (root.kind !== 'map') return result;

  const serverless = isServerlessFramework(root);
  const resourcesNode = root.entries.get('Resources') ?? (serverless ? getIn(root, 'resources', 'Resources') ?? emptyMap(root) : undefined);
  if (!resourcesNode || resourcesNode.kind !== 'map') {
    if (input.explicit && !resourcesNode) result.errors.push({ file, line: 1, message: 'CloudFormation template without Resources', kind: 'input' });
    else if (resourcesNode) result.errors.push({ file, line: spanOf(resourcesNode).start.line, message: 'Resources must be a mapping of logical ids to resources', kind: 'input' });
    return result;
  }
  deployTimeContent(text, file, root, result);

  const model = templateModel(root, parameterValues(input, result, nesting), input.options);
  const resolver = new Resolver(model);
  const hasNestedStacks = text.includes('AWS::CloudFormation::Stack') || text.includes('AWS::Serverless::Application');
  if (hasNestedStacks) model.nestedOutput = nestedOutputs(input, model, resolver, nesting);
  const locals = collectResources(file, resolver, resourcesNode, result);
  const synthetic = samImplicitResources(model, root.entries.get('Globals'));
  dependsOnCycles(model, (n, message) => result.findings.push(finding(file, spanOf(n), 'cfn-invalid-template', 'warning', 'Template problem', message)));

  const ctx = buildContext(input, resolver, result, texts, inc, nesting);
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
  if (hasNestedStacks) analyseNestedStacks(input, result, model, resolver, nesting);
  return result;
}

/** The template's root node (its parser warnings as findings), or undefined when it does not parse or is not a mapping. */
function parseRoot(input: ExtractInput, result: ExtractResult): CMap | undefined {
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
    return undefined;
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
    return undefined;
  }
  return root;
}

/** Fn::Include / AWS::Include of repository files expanded (what is refused or fails makes the analysis incomplete). */
function withIncludes(input: ExtractInput, parsed: CMap, result: ExtractResult): { root: CNode; inc: IncludeContext; texts: Map<string, string> } {
  const { file, text } = input;
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
  const root = mayInclude(text) ? expandIncludes(parsed, input.repoPath, inc) : parsed;
  for (const p of inc.problems) {
    result.findings.push(finding(file, spanOf(p.node), p.rule, 'warning', p.rule === 'include-refused' ? 'Include refused' : 'Include not resolved',
      `${p.message}. The policies that use it are incomplete.`, undefined,
      'Use a repository-local relative path, or analyse the processed template instead.'));
    // what the include would have added is not analysed: the verdict must say incomplete, never pass
    const at = spanOf(p.node).start;
    result.errors.push({ file, line: at.line, column: at.column, message: `${p.message}; the policies that use it were not fully analysed`, kind: 'extract' });
  }
  if (inc.dependencies.size) result.dependencies = [...inc.dependencies];
  return { root, inc, texts };
}

/** Content added at deploy time (an S3 snippet, a macro's output) is not in the repository: the verdict is incomplete. */
function deployTimeContent(text: string, file: string, root: CMap, result: ExtractResult): void {
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
}

/** Parameter values from the config (`cfn-parameters`, files then values), then those a parent stack passes. */
function parameterValues(input: ExtractInput, result: ExtractResult, nesting: Nesting | undefined): Record<string, unknown> {
  const { file } = input;
  const values: Record<string, unknown> = {};
  for (const entry of input.options.cfnParameters) {
    if (entry.files.some((g) => pathGlobMatch(g, input.repoPath) || pathGlobMatch(g, file))) {
      if (entry.file) {
        try {
          Object.assign(values, parameterFile(input.readRepoFile(entry.file), entry.file));
        } catch (e) {
          result.errors.push({ file, message: `parameters file ${entry.file}: ${(e as Error).message}`, kind: 'config' });
        }
      }
      Object.assign(values, entry.values);
    }
  }
  // a nested stack's parameters win over the child's defaults and configured values: they are what CloudFormation uses
  if (nesting) Object.assign(values, nesting.parameters);
  return values;
}

function templateModel(root: CMap, parameterValues: Record<string, unknown>, options: ExtractInput['options']): TemplateModel {
  const parametersNode = root.entries.get('Parameters');
  const conditionsNode = root.entries.get('Conditions');
  return {
    parameters: parametersNode && parametersNode.kind === 'map' ? parametersNode.entries : new Map(),
    mappings: root.entries.get('Mappings'),
    conditions: conditionsNode && conditionsNode.kind === 'map' ? conditionsNode.entries : new Map(),
    resources: new Map(),
    parameterValues,
    env: { account: options.account, region: options.region, partition: options.partition },
  };
}

/** The template's resources into the model (Fn::ForEach expanded: the locals of each generated resource are returned). */
function collectResources(file: string, resolver: Resolver, resourcesNode: CMap, result: ExtractResult): Map<string, Map<string, unknown>> {
  const model = resolver.model;
  const locals = new Map<string, Map<string, unknown>>();
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
  }
  return locals;
}

function buildContext(input: ExtractInput, resolver: Resolver, result: ExtractResult, texts: Map<string, string>, inc: IncludeContext, nesting: Nesting | undefined): BuildContext {
  const ctx: BuildContext = {
    file: input.file,
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
  return ctx;
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
