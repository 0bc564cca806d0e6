/**
 * `aws_api_gateway_rest_api.body`: an OpenAPI definition (JSON or YAML text, usually `jsonencode({...})` or
 * `file("openapi.yaml")`) whose `x-amazon-apigateway-policy` is the API's resource policy, as with the `policy`
 * attribute. Issue 19.
 */
import { parse } from 'yaml';
import type { SynthesizedPolicy } from './resources.js';
import { misreadLayout, MISREAD_LAYOUT_MESSAGE } from '../../text/yaml-layout.js';
import { worstDocument } from './worst-case.js';

const KEY = 'x-amazon-apigateway-policy';

/** The body's policy as its worst case (everything allowed to everyone), with the reason on the record. */
function worstBody(reason: string): SynthesizedPolicy {
  return {
    document: worstDocument('resource'),
    policyType: 'resource',
    propertyPath: `body/${KEY}`,
    note: `resource policy from the OpenAPI definition in body (${KEY})`,
    assumptions: [`body: ${reason}; the policy is analysed as its worst case (everything allowed)`],
  };
}

export function openApiBodyPolicy(values: Record<string, unknown>): SynthesizedPolicy | undefined {
  let body = values.body;
  if (typeof body === 'string') {
    if (!body.includes(KEY)) return undefined;
    // a YAML layout the yaml package misreads (text/yaml-layout.ts): the policy in the body cannot be read with
    // confidence, so it is its worst case (everything allowed to everyone), said so on the record
    if (misreadLayout(body)) return worstBody(MISREAD_LAYOUT_MESSAGE);
    try {
      body = parse(body, { schema: 'core', uniqueKeys: false, maxAliasCount: 100 }) as unknown;
    } catch (e) {
      // a body this reader cannot read (a syntax API Gateway's importer may accept, more aliases than we expand)
      // names the policy key: what API Gateway would apply is unknown, so it is the worst case, never no policy
      return worstBody(`the OpenAPI definition names ${KEY} but could not be read (${firstLine(e)})`);
    }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  if (!Object.prototype.hasOwnProperty.call(body, KEY)) return undefined;
  let policy = (body as Record<string, unknown>)[KEY];
  if (typeof policy === 'string') {
    try {
      policy = JSON.parse(policy) as unknown;
    } catch {
      return worstBody(`${KEY} is a text that is not a JSON policy`);
    }
  }
  // (an empty key, `x-amazon-apigateway-policy:` with no value, sets no policy)
  if (policy === null || policy === undefined) return undefined;
  if (typeof policy !== 'object' || Array.isArray(policy)) return worstBody(`${KEY} is not a policy document`);
  return {
    document: policy as Record<string, unknown>,
    policyType: 'resource',
    propertyPath: `body/${KEY}`,
    note: `resource policy from the OpenAPI definition in body (${KEY})`,
  };
}

/** An error's first line, short (it goes into the report). */
function firstLine(e: unknown): string {
  const m = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  return m.length > 120 ? `${m.slice(0, 117)}...` : m;
}
