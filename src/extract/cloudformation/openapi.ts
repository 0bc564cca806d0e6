/**
 * API Gateway resource policies written in an OpenAPI definition (`x-amazon-apigateway-policy`): in
 * `AWS::ApiGateway::RestApi` `Body`, `AWS::Serverless::Api` `DefinitionBody` (an `AWS::Include` of a local file is
 * already expanded by include.ts), or a repository-local file named by `DefinitionUri` (what `sam package`
 * uploads). The record points at the definition's lines, in the template or in that file.
 */
import { posix } from 'node:path';
import type { CNode } from './yaml.js';
import { getIn, parseTemplate, spanOf, str } from './yaml.js';
import type { BuildContext, ResourceInfo } from './builder.js';
import { emitDocument, finding, pick } from './builder.js';

export const OPENAPI_POLICY = 'x-amazon-apigateway-policy';

/** The policy inside an OpenAPI definition held by property `prop` of the resource (Body, DefinitionBody). */
export function openApiBodyPolicy(ctx: BuildContext, res: ResourceInfo, prop: string): void {
  const body = pick(ctx.resolver, getIn(res.props, prop));
  if (!body || body.kind !== 'map') return;
  const policy = pick(ctx.resolver, body.entries.get(OPENAPI_POLICY));
  if (!policy) return;
  emitDocument(ctx, policy, { res, propertyPath: `${prop}/${OPENAPI_POLICY}`, policyType: 'resource', notes: [`resource policy from the OpenAPI definition (${prop}.${OPENAPI_POLICY})`] });
}

/** Where to read a repository-local definition: the template's repository path, a contained reader and display paths. */
export interface LocalFiles {
  repoPath: string;
  read(rel: string): string;
  displayPath(rel: string): string;
}

/**
 * `AWS::Serverless::Api` `DefinitionUri: ./api.yaml` (a relative path, not s3:// and not a Bucket/Key map): the
 * OpenAPI file's `x-amazon-apigateway-policy`. A local file that cannot be read or parsed may hold the policy:
 * the verdict is incomplete.
 */
export function localDefinitionPolicy(ctx: BuildContext, res: ResourceInfo, files: LocalFiles | undefined): void {
  const uriNode = getIn(res.props, 'DefinitionUri');
  const uri = str(uriNode);
  if (!uriNode || uri === undefined || !files || /^[a-z][a-z0-9+.-]*:/i.test(uri) || res.props?.entries.has('DefinitionBody')) return;
  const fail = (why: string) => {
    const at = spanOf(uriNode).start;
    ctx.findings.push(finding(ctx.file, spanOf(uriNode), 'include-failed', 'warning', 'API definition not read',
      `DefinitionUri ${uri} ${why}; a resource policy (${OPENAPI_POLICY}) in it is not analysed`, res.logicalId));
    ctx.errors.push({ file: ctx.file, line: at.line, column: at.column, message: `DefinitionUri ${uri} ${why}: the API's resource policy was not analysed`, kind: 'extract' });
  };
  if (uri.startsWith('/') || uri.startsWith('~') || /^[A-Za-z]:[\\/]/.test(uri)) return fail('is an absolute path (only paths relative to the template are read)');
  const target = posix.normalize(posix.join(posix.dirname(files.repoPath), uri.replace(/\\/g, '/')));
  if (target === '..' || target.startsWith('../')) return fail('points outside the repository');
  let root: CNode;
  try {
    const text = files.read(target);
    root = parseTemplate(text, files.displayPath(target)).root;
    ctx.texts.set(files.displayPath(target), text);
  } catch (e) {
    const err = e as Error & { line?: number };
    return fail(`could not be read (${err.message}${err.line ? ` at line ${err.line}` : ''})`);
  }
  const policy = root.kind === 'map' ? root.entries.get(OPENAPI_POLICY) : undefined;
  if (!policy) return;
  emitDocument(ctx, policy, { res, propertyPath: `DefinitionUri/${OPENAPI_POLICY}`, policyType: 'resource', notes: [`resource policy from the OpenAPI definition ${files.displayPath(target)}`] });
}
