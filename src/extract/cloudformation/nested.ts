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
import type { Resolver } from './intrinsics.js';
import { OUTSIDE_VALUE } from './intrinsic-model.js';

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
