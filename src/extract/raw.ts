/**
 * Raw policy JSON files: one policy document per file, or a JSON array of them. The policy type comes from the
 * config (`policyTypes`), else path conventions (`scp/`, `rcp/`, `*trust*`, `*boundary*` in the name, `boundaries/`), else
 * the content.
 */
import { pathGlobMatch } from '../util/path-glob.js';
import type { PolicyRecord, PolicyType } from '../policy/types.js';
import { MapSourceMap } from '../policy/source-map.js';
import { isObject } from '../policy/statements.js';
import type { Options } from '../config/options.js';
import type { Extractor, ExtractInput, ExtractResult } from './types.js';
import { emptyResult } from './types.js';
import { InputError, parseWithPositions } from '../text/positions.js';
import type { Parsed } from '../text/positions.js';
import { skipJsonComments } from '../sources/sniff.js';
import { escapeSegment } from '../policy/source-map.js';
import { EMBEDDED_POLICY_TEXT, embeddedPolicies } from './raw-embedded.js';
import { quoteBareTokens, readIntrinsics } from './raw-intrinsics.js';
import { lzaBoundaryConfig } from './raw-lza.js';
import { awsManagedPolicyPath } from './cloudformation/managed-policies.js';

const POLICY_KEYS = /"(Statement|Version)"\s*:/;

/**
 * A JSON object (or array of objects) with policy keys, after any leading comments: a `.json` policy that starts
 * with a comment is read by tools that accept comments, so it is detected (and then reported as invalid JSON,
 * making the verdict incomplete) rather than skipped.
 */
function tryParse(text: string, file: string): Parsed | undefined {
  try {
    return parseWithPositions(text, file);
  } catch {
    return undefined;
  }
}

function looksLikePolicy(text: string): boolean {
  return /^[[{]/.test(skipJsonComments(text.replace(/^\uFEFF/, ''))) && (POLICY_KEYS.test(text) || EMBEDDED_POLICY_TEXT.test(text));
}

const SCP_DIR = /(^|[-_.])(scps?|service[-_ ]?control[-_ ]?polic(y|ies))$/i;
const RCP_DIR = /(^|[-_.])(rcps?|resource[-_ ]?control[-_ ]?polic(y|ies))$/i;

/** Note of a raw file judged as a permissions boundary only because of its name or folder (checks/rules/boundary-gaps.ts). */
export const BOUNDARY_BY_NAME = 'a permissions boundary by its file name or folder only (nothing in the repository uses it as one)';

/** Policy type from path conventions, innermost directory first; undefined when the path says nothing. */
export function policyTypeFromPath(file: string): PolicyType | undefined {
  const parts = file.split('/');
  const base = parts.pop() ?? '';
  const stem = base.replace(/\.json$/i, '');
  if (/(^|[-_.])scp([-_.]|$)/i.test(stem)) return 'scp';
  if (/(^|[-_.])rcp([-_.]|$)/i.test(stem)) return 'rcp';
  // `permissions-boundary.json`, `team-boundary.json`, `DeveloperBoundary.json`: a boundary by name
  if (/boundar(y|ies)/i.test(stem)) return 'boundary';
  for (let i = parts.length - 1; i >= 0; i--) {
    const dir = parts[i]!;
    if (RCP_DIR.test(dir)) return 'rcp';
    if (SCP_DIR.test(dir)) return 'scp';
    if (/(^|[-_.])(permissions?[-_]?)?boundar(y|ies)$/i.test(dir)) return 'boundary';
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

/** One policy a file holds: the document, its JSON pointer, and its name when the file names it. */
interface Held {
  doc: Record<string, unknown>;
  ptr: string;
  name?: string;
  /** Held as a JSON string (`ptr` is the string's): the policy type its key implies and how it was encoded. */
  embedded?: { type: PolicyType; encoding: string };
}

/** A policy document: a Statement, or a policy-language Version (`{"Version": {...}}` is someone's data). */
const isPolicy = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && ('Statement' in v || (typeof v.Version === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.Version.trim())));
/** In a map or a named list, a policy needs a Statement (`{"Version": "1.0"}` is package data). */
const isHeldPolicy = (v: unknown): v is Record<string, unknown> => isObject(v) && 'Statement' in v;
const NAME_KEYS = ['name', 'Name', 'PolicyName', 'policyName', 'policy_name', 'Sid', 'id'];
const POLICY_KEYS_OF_ENTRY = ['policy', 'Policy', 'PolicyDocument', 'policyDocument', 'policy_document', 'document', 'Document'];

/** `{name, policy}` (the policy inline; a JSON string is read by the caller): the policy's key and the name. */
function namedEntry(v: unknown): { key: string; name?: string } | undefined {
  if (!isObject(v)) return undefined;
  const key = POLICY_KEYS_OF_ENTRY.find((k) => isHeldPolicy(v[k]));
  if (!key) return undefined;
  const nk = NAME_KEYS.find((k) => typeof v[k] === 'string');
  return { key, ...(nk ? { name: v[nk] as string } : {}) };
}

export type NotOurs = 'cdk-metadata' | 'openapi' | 'not-a-policy-or-template';

/**
 * The policies a JSON value holds: a policy document, an array of them, a map of named policies
 * (`{"ReadOnly": {...}}`), a list of `{name, policy}` objects, or an API output wrapping a `...Document`. `undefined` when its shape is none of these.
 */
export function heldPolicies(value: unknown): Held[] | undefined {
  if (isPolicy(value)) return [{ doc: value, ptr: '' }];
  if (Array.isArray(value)) {
    if (value.some(isPolicy)) return undefined; // a plain array of documents: the caller reports each element
    const out: Held[] = [];
    value.forEach((v, i) => {
      const e = namedEntry(v);
      if (e) out.push({ doc: (v as Record<string, unknown>)[e.key] as Record<string, unknown>, ptr: `/${i}/${escapeSegment(e.key)}`, ...(e.name !== undefined ? { name: e.name } : {}) });
    });
    return out.length ? out : undefined;
  }
  if (!isObject(value)) return undefined;
  const out: Held[] = [];
  for (const [k, v] of Object.entries(value)) if (isHeldPolicy(v)) out.push({ doc: v, ptr: `/${escapeSegment(k)}`, name: k });
  if (out.length) return out;
  // AWS API output saved as a file: `aws iam get-policy-version` -> {"PolicyVersion": {"Document": {...}}}, and
  // other wrappers whose one level down holds a `...Document` key
  for (const [k, v] of Object.entries(value)) {
    if (!isObject(v)) continue;
    for (const [k2, v2] of Object.entries(v)) {
      if (/Document$/.test(k2) && isHeldPolicy(v2)) out.push({ doc: v2, ptr: `/${escapeSegment(k)}/${escapeSegment(k2)}`, name: `${k}.${k2}` });
    }
  }
  return out.length ? out : undefined;
}

/** Why a JSON value that holds no policy is not ours (a walk skips it quietly, counted by this reason). */
export function notOursReason(value: unknown): NotOurs {
  if (isObject(value)) {
    if ('tree' in value && 'version' in value) return 'cdk-metadata'; // cdk.out/tree.json
    if ('artifacts' in value && 'version' in value) return 'cdk-metadata'; // cdk.out/manifest.json
    if ('openapi' in value || 'swagger' in value) return 'openapi';
  }
  return 'not-a-policy-or-template';
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
    let bareTokens = false;
    try {
      parsed = parseWithPositions(text, file);
    } catch (e) {
      // unquoted template tokens where a value belongs (`[${ACCEL_LOOKUP::VPC_ID:OU:Infrastructure}]`): read quoted
      const quoted = quoteBareTokens(text);
      const retry = quoted === undefined ? undefined : tryParse(quoted, file);
      if (!retry) {
        const err = e as InputError;
        result.errors.push({ file, line: err.line, column: err.column, message: `invalid JSON: ${err.message}`, kind: 'input' });
        return result;
      }
      parsed = retry;
      bareTokens = true;
    }
    // documents held as objects, and as strings under well-known keys (both: one must not hide the other)
    const emb = embeddedPolicies(parsed.value);
    const held = (heldPolicies(parsed.value) ?? []).concat(emb.held.map((e) => ({ doc: e.doc, ptr: e.ptr, name: e.name, embedded: { type: e.type, encoding: e.encoding } })));
    for (const e of emb.errors) {
      const span = parsed.spans.get(e.ptr);
      result.errors.push({ file, line: span?.start.line, column: span?.start.column, message: e.message, kind: 'input' });
    }
    if (held.length || emb.errors.length) {
      for (const h of held) {
        const rec = policyRecord(input, parsed, h, held.length > 1 ? held.length : 0);
        if (bareTokens) rec.notes = [...(rec.notes ?? []), 'unquoted template tokens (not JSON until filled in) read as quoted strings'];
        result.policies.push(rec);
      }
      return result;
    }
    if (!Array.isArray(parsed.value) || !parsed.value.some(isPolicy)) {
      // not ours: quiet on a walk (counted by reason), an error when named
      if (!input.explicit) return { ...result, skipped: notOursReason(parsed.value) };
      result.errors.push({ file, line: 1, column: 1, message: 'not a policy document (an object with Version and Statement)', kind: 'input' });
      return result;
    }
    parsed.value.forEach((doc, i) => {
      const ptr = `/${i}`;
      if (isPolicy(doc)) {
        result.policies.push(policyRecord(input, parsed, { doc, ptr }, (parsed.value as unknown[]).length, i));
        return;
      }
      const docSpan = parsed.spans.get(ptr);
      result.errors.push({
        file,
        line: docSpan?.start.line,
        column: docSpan?.start.column,
        message: `element ${i} of the array is not a policy document (an object with Version and Statement)`,
        kind: 'input',
      });
    });
    return result;
  },
};

/** The record of one policy a file holds (`count` > 1: one of several, told apart by name or index). */
function policyRecord(input: ExtractInput, parsed: Parsed, h: Held, count: number, index?: number): PolicyRecord {
  const { file } = input;
  const docSpan = parsed.spans.get(h.ptr) ?? { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  // a document held in a string has no positions of its own: every element maps to the string's span
  // the whole file is the document (most policy files): its spans as the reader made them, not copied
  const whole = !h.embedded && h.ptr === '' && parsed.spans.get('') === docSpan ? MapSourceMap.takingOver(parsed.spans) : undefined;
  const sourceMap = h.embedded
    ? new MapSourceMap(docSpan)
    : whole ?? new MapSourceMap(docSpan).graft(
        { get: (p) => parsed.spans.get(p), locate: () => docSpan, pointers: () => [...parsed.spans.keys()] },
        h.ptr,
        '',
      );
  // by use first (an LZA iam-config.yaml naming the file as a role's boundaryPolicy), then by name, then by content
  const lzaConfig = configuredPolicyType(input.repoPath, input.options) || h.embedded ? undefined : lzaBoundaryConfig(input.repoPath, input.readRepoFile);
  const policyType =
    configuredPolicyType(input.repoPath, input.options) ?? h.embedded?.type ?? (lzaConfig ? 'boundary' : undefined) ?? policyTypeFromPath(input.repoPath) ?? policyTypeFromContent(h.doc);
  const base = file.split('/').pop() ?? file;
  // `{"Ref": ...}` / `{"Fn::Sub": ...}` values: a template fragment, read as the template values they are
  const intrinsics = readIntrinsics(h.doc, input.options);
  const notes = h.embedded ? [`policy document held as a ${h.embedded.encoding} string: every line reported inside it is the line of the string`] : [];
  if (intrinsics.length) notes.push(`CloudFormation intrinsics read as a template fragment (${intrinsics.length} value${intrinsics.length > 1 ? 's' : ''})`);
  // a copy of an AWS managed policy kept as a file (`ReadOnlyAccess.json`, iam-dataset style): AWS's text, which the
  // user cannot edit; judged as the managed policy it is (no grammar findings; risks named after the policy)
  const managedName = h.embedded || count > 1 || configuredPolicyType(input.repoPath, input.options) ? undefined : awsManagedPolicyPath(base.replace(/\.json$/i, ''));
  if (managedName) notes.push(`named after the AWS managed policy ${managedName}: judged as AWS's text`);
  if (lzaConfig) notes.push(`a permissions boundary: ${lzaConfig} names it as a boundaryPolicy`);
  else if (policyType === 'boundary' && !configuredPolicyType(input.repoPath, input.options) && !h.embedded && policyTypeFromPath(input.repoPath) === 'boundary') notes.push(BOUNDARY_BY_NAME);
  const tag = h.name ?? (index !== undefined ? String(index) : h.ptr.slice(1));
  const several = count > 1 || h.name !== undefined;
  return {
    id: several ? `${file}#${tag}` : file,
    file,
    line: docSpan.start.line,
    endLine: docSpan.end.line,
    format: 'raw',
    resource: several ? `${base}[${tag}]` : base,
    resourceType: 'policy-file',
    propertyPath: h.ptr === '' ? '' : h.ptr.slice(1),
    policyType,
    validateResourceType: validateResourceTypeFor(policyType),
    name: h.name ?? (typeof h.doc.Id === 'string' ? h.doc.Id : undefined),
    document: h.doc,
    sourceMap,
    placeholders: [],
    attachedTo: [],
    ...(notes.length ? { notes } : {}),
    ...(managedName ? { awsManaged: `arn:${input.options.partition}:iam::aws:policy/${managedName}` } : {}),
    ...(intrinsics.length ? { assumptions: intrinsics } : {}),
  };
}
