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

export function openApiBodyPolicy(values: Record<string, unknown>): SynthesizedPolicy | undefined {
  let body = values.body;
  if (typeof body === 'string') {
    if (!body.includes(KEY)) return undefined;
    // a YAML layout the yaml package misreads (text/yaml-layout.ts): the policy in the body cannot be read with
    // confidence, so it is its worst case (everything allowed to everyone), said so on the record
    if (misreadLayout(body)) {
      return {
        document: worstDocument('resource'),
        policyType: 'resource',
        propertyPath: `body/${KEY}`,
        note: `resource policy from the OpenAPI definition in body (${KEY})`,
        assumptions: [`body: ${MISREAD_LAYOUT_MESSAGE}; the policy is analysed as its worst case (everything allowed)`],
      };
    }
    try {
      body = parse(body, { schema: 'core', uniqueKeys: false, maxAliasCount: 100 }) as unknown;
    } catch {
      return undefined;
    }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  let policy = (body as Record<string, unknown>)[KEY];
  if (typeof policy === 'string') {
    try {
      policy = JSON.parse(policy) as unknown;
    } catch {
      return undefined;
    }
  }
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) return undefined;
  return {
    document: policy as Record<string, unknown>,
    policyType: 'resource',
    propertyPath: `body/${KEY}`,
    note: `resource policy from the OpenAPI definition in body (${KEY})`,
  };
}
