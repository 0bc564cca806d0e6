/**
 * Terraform aws_api_gateway_rest_api.body: the x-amazon-apigateway-policy in an OpenAPI body written as YAML. A body
 * in the layout the yaml package misreads (text/yaml-layout.ts: a list item below a column-0 comment is folded with
 * the next one) is never read: its policy is the worst case, said so, instead of a policy missing an item.
 */
import { describe, expect, it } from 'vitest';
import { openApiBodyPolicy } from '../../../src/extract/terraform/openapi-body.js';

const body = (comment: string) =>
  ['openapi: 3.0.1', 'x-amazon-apigateway-policy:', '  Version: "2012-10-17"', '  Statement:', '    - Effect: Allow', '      Principal:', '        AWS:', '          -', '', comment, '            arn:aws:iam::123456789012:role/caller', '          - "*"', '      Action: execute-api:Invoke', '      Resource: "*"', ''].join('\n');

describe('OpenAPI body policy (Terraform)', () => {
  it('reads the policy of a body in an ordinary layout', () => {
    const p = openApiBodyPolicy({ body: body('            # the caller') });
    expect(p?.document).toMatchObject({ Statement: [{ Principal: { AWS: ['arn:aws:iam::123456789012:role/caller', '*'] } }] });
    expect(p?.assumptions).toBeUndefined();
  });

  it('takes the worst case, and says why, for a body in the layout the YAML reader misreads', () => {
    const p = openApiBodyPolicy({ body: body('# the caller') });
    expect(p?.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Principal: '*', Resource: '*' }] });
    expect(p?.assumptions?.[0]).toMatch(/comment at column 0 .* worst case/);
  });
});

describe('OpenAPI body that names the policy but cannot be read (Terraform)', () => {
  const worst = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Principal: '*', Resource: '*' }] };

  it('takes the worst case for a body whose YAML does not parse', () => {
    const p = openApiBodyPolicy({ body: 'openapi: 3.0.1\nx-amazon-apigateway-policy: {Version: "2012-10-17", Statement: [\n' });
    expect(p?.document).toEqual(worst);
    expect(p?.assumptions?.[0]).toMatch(/could not be read .* worst case/);
  });

  it('takes the worst case for a body with more aliases than the reader expands', () => {
    const items = Array.from({ length: 120 }, () => '    - *p').join('\n');
    const p = openApiBodyPolicy({ body: `openapi: 3.0.1\nanchor: &p "*"\nx-amazon-apigateway-policy:\n  Version: "2012-10-17"\n  Statement:\n${items}\n` });
    expect(p?.document).toEqual(worst);
  });

  it('takes the worst case for a policy given as text that is not JSON, or as a list', () => {
    expect(openApiBodyPolicy({ body: { 'x-amazon-apigateway-policy': '{"Version": "2012-10-17", Statement: [' } })?.document).toEqual(worst);
    expect(openApiBodyPolicy({ body: { 'x-amazon-apigateway-policy': [{ Effect: 'Allow' }] } })?.document).toEqual(worst);
  });

  it('reads no policy from a body that mentions the key only in a description, or leaves it empty', () => {
    expect(openApiBodyPolicy({ body: 'openapi: 3.0.1\ninfo:\n  description: "no x-amazon-apigateway-policy here"\n' })).toBeUndefined();
    expect(openApiBodyPolicy({ body: 'openapi: 3.0.1\nx-amazon-apigateway-policy:\n' })).toBeUndefined();
  });
});
