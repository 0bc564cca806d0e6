/**
 * Policies held as a JSON string under a well-known key of an AWS CLI input or API output saved as a file:
 * `aws iam put-role-policy --cli-input-json` ({"PolicyName": .., "PolicyDocument": "<json>"}), `create-role`
 * ({"AssumeRolePolicyDocument": "<json>"}), `s3api put-bucket-policy` / `get-bucket-policy` ({"Policy": "<json>"}),
 * `iam get-policy-version` API output ({"PolicyVersion": {"Document": "<URL-encoded json>"}}), `sqs
 * get-queue-attributes` ({"Attributes": {"Policy": "<json>"}}). Bounded: only the top level or one level down, and
 * the strings are part of a file the file limits already bound; a string is decoded once (no nesting of strings).
 */
import type { PolicyType } from '../policy/types.js';
import { isObject } from '../policy/statements.js';
import { escapeSegment } from '../policy/source-map.js';
import { parseWithPositions } from '../text/positions.js';

/** The keys whose string value is a policy document, and the policy type the key implies. */
const EMBEDDED_KEY_TYPES: ReadonlyMap<string, PolicyType> = new Map<string, PolicyType>([
  ['AssumeRolePolicyDocument', 'trust'],
  ['PolicyDocument', 'identity'],
  ['Document', 'identity'],
  ['Policy', 'resource'],
]);

/** One policy found in a string value: the document, the JSON pointer of the string, its name and implied type. */
export interface EmbeddedPolicy {
  doc: Record<string, unknown>;
  ptr: string;
  name: string;
  type: PolicyType;
  encoding: 'json' | 'url-encoded json';
}

/** A string under a policy key that holds a policy the gate cannot read (not analysed: the verdict is incomplete). */
export interface EmbeddedError {
  ptr: string;
  message: string;
}

const POLICY_TEXT = /"(Statement|Version)"\s*:/;

/** The policy a string holds, an error when it is a policy that cannot be read, or nothing when it is no policy. */
function decode(s: string): { doc: Record<string, unknown>; encoding: EmbeddedPolicy['encoding'] } | { error: string } | undefined {
  let text = s.trim();
  let encoding: EmbeddedPolicy['encoding'] = 'json';
  if (/^%7B/i.test(text)) {
    try {
      text = decodeURIComponent(text).trim();
      encoding = 'url-encoded json';
    } catch {
      return { error: 'a URL-encoded policy document that does not decode' };
    }
  }
  if (!text.startsWith('{') || !POLICY_TEXT.test(text)) return undefined;
  let value: unknown;
  try {
    // the same parser as the file: duplicate keys and hostile nesting are refused the same way
    value = parseWithPositions(text, 'embedded.json').value;
  } catch (e) {
    return { error: `a policy document in a string that is not valid JSON: ${(e as Error).message}` };
  }
  if (!isObject(value) || !('Statement' in value)) return undefined;
  return { doc: value, encoding };
}

/** The string-held policies of a JSON value (top level and one level down) and the ones that could not be read. */
export function embeddedPolicies(value: unknown): { held: EmbeddedPolicy[]; errors: EmbeddedError[] } {
  const held: EmbeddedPolicy[] = [];
  const errors: EmbeddedError[] = [];
  const visit = (obj: Record<string, unknown>, prefix: string, namePrefix: string): void => {
    for (const [k, v] of Object.entries(obj)) {
      const type = EMBEDDED_KEY_TYPES.get(k);
      if (type === undefined || typeof v !== 'string') continue;
      const ptr = `${prefix}/${escapeSegment(k)}`;
      const d = decode(v);
      if (!d) continue;
      if ('error' in d) errors.push({ ptr, message: `${k}: ${d.error}` });
      else held.push({ doc: d.doc, ptr, name: namePrefix + k, type, encoding: d.encoding });
    }
  };
  if (!isObject(value)) return { held, errors };
  visit(value, '', '');
  for (const [k, v] of Object.entries(value)) if (isObject(v)) visit(v, `/${escapeSegment(k)}`, `${k}.`);
  return { held, errors };
}

/** Whether a file's text may hold a string-embedded policy (cheap detection: escaped or URL-encoded policy keys). */
export const EMBEDDED_POLICY_TEXT = /\\"(Statement|Version)\\"\s*:|%22(Statement|Version)%22/;
