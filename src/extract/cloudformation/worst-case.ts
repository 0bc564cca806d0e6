/**
 * Values the repository does not decide (a parameter without default, `!ImportValue`, `{{resolve:...}}`, a custom
 * resource's attribute) in a position that decides access are analysed at their worst, and the record says so:
 *
 * - Allow: `Action`, `Resource`, `Principal` become `*` where unknown (the known part of a string is kept:
 *   `s3:${P}` is `s3:*`, `arn:aws:s3:::${B}/*` is `arn:aws:s3:::*` + `/*`); a condition whose value is unknown
 *   narrows nothing (the key is dropped); an unknown `NotAction` / `NotResource` / `NotPrincipal` excludes nothing
 *   (its stand-in already matches nothing real).
 * - Deny: an unknown `Action` / `Resource` / `Principal` denies nothing (the stand-in matches nothing real); an
 *   unknown `NotAction` / `NotResource` becomes `*` (a Deny of everything except everything denies nothing).
 * - `Effect` unknown is `Allow`.
 * - The whole document or a whole statement unknown: nothing to analyse, the verdict is incomplete.
 *
 * Values created by this template (an ARN assigned at deploy time) are not unknown in this sense: they name one
 * resource, so they keep their stand-in.
 */
import type { Resolver } from './intrinsics.js';
import type { PlaceholderHit } from './intrinsic-model.js';
import { segments, escapeSegment } from '../../policy/source-map.js';

export interface WorstCase {
  /** Pointers whose value was replaced (placeholders at or below them no longer apply). */
  replaced: string[];
  notes: string[];
  /** Where a value was assumed, and what the record's reader is told (for the findings at that place). */
  assumptions: { path: string; text: string }[];
  /** Set when nothing can be analysed: the document or a whole statement is unknown. */
  incomplete?: string;
}

const ALLOW_WIDEN = new Set(['Action', 'Resource', 'Principal']);
const DENY_WIDEN = new Set(['NotAction', 'NotResource']);

/** Rewrites `doc` in place; `expression` renders a hit's expression as written. */
export function applyWorstCase(resolver: Resolver, doc: Record<string, unknown>, hits: PlaceholderHit[], expression: (h: PlaceholderHit) => string): WorstCase {
  const out: WorstCase = { replaced: [], notes: [], assumptions: [] };
  const external = hits.filter((h) => h.external);
  if (!external.length) return out;
  const worstCache = new Map<PlaceholderHit['node'], unknown>();
  const worstAt = (h: PlaceholderHit): unknown => {
    if (!worstCache.has(h.node)) worstCache.set(h.node, resolver.worst(h.node));
    let v = worstCache.get(h.node);
    for (const seg of segments(h.ptr.slice(h.base.length))) {
      if (v === null || typeof v !== 'object') return '*';
      v = (v as Record<string, unknown>)[seg];
    }
    return typeof v === 'string' ? v : '*';
  };
  const say = (h: PlaceholderHit, where: string, as: string) => {
    const text = `${where} comes from ${expression(h)} (${h.reason}): analysed as ${as}`;
    out.notes.push(text);
    out.assumptions.push({ path: h.ptr, text: `${where.replace(/^Statement \S+ /, '')} comes from ${expression(h)}, ${h.reason}: analysed as ${as}` });
  };
  // Effect first: the other positions depend on it
  const ordered = [...external].sort((a, b) => Number(!/\/Effect$/.test(a.ptr)) - Number(!/\/Effect$/.test(b.ptr)));
  for (const h of ordered) {
    const segs = segments(h.ptr);
    const st = doc.Statement;
    if (segs.length === 0 || segs[0] !== 'Statement') {
      if (segs.length === 0) out.incomplete = `the whole policy document comes from ${expression(h)} (${h.reason})`;
      continue;
    }
    const listed = Array.isArray(st);
    const stmt = listed ? st[Number(segs[1])] : st;
    const rest = segs.slice(listed ? 2 : 1);
    if (segs.length === 1 || rest.length === 0 || stmt === null || typeof stmt !== 'object') {
      out.incomplete = `a whole statement comes from ${expression(h)} (${h.reason})`;
      continue;
    }
    const s = stmt as Record<string, unknown>;
    const stmtPtr = `/Statement${listed ? `/${segs[1]}` : ''}`;
    const where = `Statement ${listed ? segs[1] : ''}${listed ? ' ' : ''}${rest[0]}`;
    const key = rest[0]!;
    if (key === 'Effect') {
      s.Effect = 'Allow';
      out.replaced.push(`${stmtPtr}/Effect`);
      say(h, where, "'Allow'");
      continue;
    }
    const allow = s.Effect !== 'Deny';
    if (key === 'Condition') {
      if (!allow) continue; // a conditional Deny is not relied on to take anything away
      dropCondition(s, rest.slice(1));
      out.replaced.push(`${stmtPtr}/Condition${rest.length > 2 ? `/${escapeSegment(rest[1]!)}/${escapeSegment(rest[2]!)}` : rest.length > 1 ? `/${escapeSegment(rest[1]!)}` : ''}`);
      say(h, `${where} ${rest.slice(1, 3).join(' ')}`.trimEnd(), 'no restriction (the condition narrows nothing)');
      continue;
    }
    if (allow && key === 'Principal' && rest.length > 1 && rest[1] !== 'AWS') {
      s.Principal = '*';
      out.replaced.push(`${stmtPtr}/Principal`);
      say(h, where, "'*'");
      continue;
    }
    if ((allow && ALLOW_WIDEN.has(key)) || (!allow && DENY_WIDEN.has(key))) {
      let v = String(allow ? worstAt(h) : '*');
      // a principal is `*` or an exact ARN / account: a partly unknown one is anyone
      if (key === 'Principal' && v !== '*' && (v.includes('*') || v.includes('?'))) v = '*';
      setAt(s, rest, v);
      out.replaced.push(h.ptr);
      say(h, where, JSON.stringify(v));
      continue;
    }
    if (allow && /^Not(Action|Resource|Principal)$/.test(key)) say(h, where, 'excluding nothing');
    else if (!allow && ALLOW_WIDEN.has(key)) say(h, where, 'denying nothing');
  }
  out.notes = [...new Set(out.notes)];
  return out;
}

function setAt(obj: Record<string, unknown>, path: string[], v: unknown): void {
  let cur: unknown = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string, unknown>)[path[i]!];
  }
  if (cur !== null && typeof cur === 'object') (cur as Record<string, unknown>)[path[path.length - 1]!] = v;
}

function dropCondition(s: Record<string, unknown>, path: string[]): void {
  const c = s.Condition;
  if (path.length === 0 || c === null || typeof c !== 'object') {
    delete s.Condition;
    return;
  }
  const cond = c as Record<string, unknown>;
  const op = cond[path[0]!];
  if (path.length === 1 || op === null || typeof op !== 'object') delete cond[path[0]!];
  else delete (op as Record<string, unknown>)[path[1]!];
  if (op && typeof op === 'object' && Object.keys(op).length === 0) delete cond[path[0]!];
  if (Object.keys(cond).length === 0) delete s.Condition;
}
