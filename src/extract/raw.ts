/**
 * Raw policy JSON files: one policy document per file, or a JSON array of them. The policy type comes from the
 * config (`policyTypes`), else path conventions (`scp/`, `rcp/`, `*trust*`, `*boundary*`), else the content.
 */
import { pathGlobMatch } from '../catalog/wildcard.js';
import type { PolicyRecord, PolicyType } from '../policy/types.js';
import { MapSourceMap } from '../policy/source-map.js';
import { isObject } from '../policy/statements.js';
import type { Options } from '../config/options.js';
import type { Extractor, ExtractInput, ExtractResult } from './types.js';
import { emptyResult } from './types.js';
import { InputError, parseWithPositions } from './positions.js';
import type { Parsed } from './positions.js';
import { skipJsonComments } from '../sources/sniff.js';

const POLICY_KEYS = /"(Statement|Version)"\s*:/;

/**
 * A JSON object (or array of objects) with policy keys, after any leading comments: a `.json` policy that starts
 * with a comment is read by tools that accept comments, so it is detected (and then reported as invalid JSON,
 * making the verdict incomplete) rather than skipped.
 */
function looksLikePolicy(text: string): boolean {
  return /^[[{]/.test(skipJsonComments(text.replace(/^\uFEFF/, ''))) && POLICY_KEYS.test(text);
}

const SCP_DIR = /(^|[-_.])(scps?|service[-_ ]?control[-_ ]?polic(y|ies))$/i;
const RCP_DIR = /(^|[-_.])(rcps?|resource[-_ ]?control[-_ ]?polic(y|ies))$/i;

/** Policy type from path conventions, innermost directory first; undefined when the path says nothing. */
export function policyTypeFromPath(file: string): PolicyType | undefined {
  const parts = file.split('/');
  const base = parts.pop() ?? '';
  const stem = base.replace(/\.json$/i, '');
  if (/(^|[-_.])scp([-_.]|$)/i.test(stem)) return 'scp';
  if (/(^|[-_.])rcp([-_.]|$)/i.test(stem)) return 'rcp';
  if (/permissions?[-_.]?boundary/i.test(stem)) return 'boundary';
  for (let i = parts.length - 1; i >= 0; i--) {
    const dir = parts[i]!;
    if (RCP_DIR.test(dir)) return 'rcp';
    if (SCP_DIR.test(dir)) return 'scp';
    if (/^(permissions?[-_]?)?boundar(y|ies)$/i.test(dir)) return 'boundary';
  }
  return undefined;
}

const ASSUME_ACTIONS = /^sts:(AssumeRole|AssumeRoleWithSAML|AssumeRoleWithWebIdentity|TagSession|SetSourceIdentity|SetContext)$/i;

/** Policy type from content: Principal + only sts:AssumeRole* actions + no Resource = trust; Principal = resource. */
export function policyTypeFromContent(document: unknown): PolicyType {
  if (!isObject(document)) return 'identity';
  const st = document.Statement;
  const list = Array.isArray(st) ? st : st !== undefined ? [st] : [];
  let principal = false;
  let onlyAssume = true;
  let resource = false;
  for (const s of list) {
    if (!isObject(s)) continue;
    if ('Principal' in s || 'NotPrincipal' in s) principal = true;
    if ('Resource' in s || 'NotResource' in s) resource = true;
    const acts = Array.isArray(s.Action) ? s.Action : [s.Action];
    for (const a of acts) if (typeof a !== 'string' || !ASSUME_ACTIONS.test(a)) onlyAssume = false;
  }
  if (!principal) return 'identity';
  if (onlyAssume && !resource) return 'trust';
  return 'resource';
}

export function configuredPolicyType(file: string, options: Options): PolicyType | undefined {
  for (const entry of options.policyTypes) {
    if (entry.files.some((g) => pathGlobMatch(g, file))) return entry.type;
  }
  return undefined;
}

function validateResourceTypeFor(type: PolicyType): string | undefined {
  return type === 'trust' ? 'AWS::IAM::AssumeRolePolicyDocument' : undefined;
}

export const rawExtractor: Extractor = {
  name: 'policy-file',
  detect(file, text) {
    return /\.json$/i.test(file) && looksLikePolicy(text);
  },
  extract(input: ExtractInput): ExtractResult {
    const result = emptyResult();
    const { file, text } = input;
    let parsed: Parsed;
    try {
      parsed = parseWithPositions(text, file);
    } catch (e) {
      const err = e as InputError;
      result.errors.push({ file, line: err.line, column: err.column, message: `invalid JSON: ${err.message}`, kind: 'input' });
      return result;
    }
    const docs: { doc: unknown; ptr: string }[] = Array.isArray(parsed.value)
      ? parsed.value.map((doc, i) => ({ doc, ptr: `/${i}` }))
      : [{ doc: parsed.value, ptr: '' }];
    docs.forEach(({ doc, ptr }, i) => {
      const docSpan = parsed.spans.get(ptr) ?? { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
      if (!isObject(doc) || !('Statement' in doc || 'Version' in doc)) {
        result.errors.push({
          file,
          line: docSpan.start.line,
          column: docSpan.start.column,
          message: Array.isArray(parsed.value)
            ? `element ${i} of the array is not a policy document (an object with Version and Statement)`
            : 'not a policy document (an object with Version and Statement)',
          kind: 'input',
        });
        return;
      }
      const sourceMap = new MapSourceMap(docSpan).graft(
        { get: (p) => parsed.spans.get(p), locate: () => docSpan, pointers: () => [...parsed.spans.keys()] },
        ptr,
        '',
      );
      const policyType =
        configuredPolicyType(input.repoPath, input.options) ?? policyTypeFromPath(input.repoPath) ?? policyTypeFromContent(doc);
      const base = file.split('/').pop() ?? file;
      const resource = docs.length > 1 ? `${base}[${i}]` : base;
      const record: PolicyRecord = {
        id: docs.length > 1 ? `${file}#${i}` : file,
        file,
        line: docSpan.start.line,
        endLine: docSpan.end.line,
        format: 'raw',
        resource,
        resourceType: 'policy-file',
        propertyPath: docs.length > 1 ? String(i) : '',
        policyType,
        validateResourceType: validateResourceTypeFor(policyType),
        name: typeof doc.Id === 'string' ? doc.Id : undefined,
        document: doc,
        sourceMap,
        placeholders: [],
        attachedTo: [],
      };
      result.policies.push(record);
    });
    return result;
  },
};
