import type { SourceMap, Span } from './types.js';

/** Encode one JSON pointer segment (RFC 6901). */
export function escapeSegment(segment: string | number): string {
  const s = String(segment);
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

/** Build a JSON pointer from segments: `['Statement', 0, 'Action']` -> `/Statement/0/Action`. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + escapeSegment(s)).join('');
}

/** Split a JSON pointer into decoded segments. */
export function segments(ptr: string): string[] {
  if (ptr === '') return [];
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The parent pointer, or undefined for the root. */
export function parentPointer(ptr: string): string | undefined {
  if (ptr === '') return undefined;
  const i = ptr.lastIndexOf('/');
  return ptr.slice(0, i);
}

/**
 * A source map backed by a Map. `root` is the span used when nothing more precise is known (the document as a
 * whole, or the resource that produced it).
 */
export class MapSourceMap implements SourceMap {
  private readonly spans: Map<string, Span>;
  /** `spans` was taken over holding '' somewhere else than first: `pointers` lists '' first (as a graft does). */
  private readonly rootFirst: boolean = false;
  constructor(
    private readonly root: Span,
    own?: Map<string, Span>,
  ) {
    this.spans = own ?? new Map<string, Span>();
    if (!this.spans.has('')) this.spans.set('', root);
    else if (own) this.rootFirst = true;
  }

  /**
   * The map a graft of all of `spans` onto a new map rooted at `spans`'s own root span gives (the same entries,
   * '' first), made by taking `spans` over instead of copying it: the caller hands it over (neither it nor anyone
   * else changes it afterwards).
   */
  static takingOver(spans: Map<string, Span>): MapSourceMap | undefined {
    const root = spans.get('');
    return root ? new MapSourceMap(root, spans) : undefined;
  }

  set(ptr: string, span: Span): this {
    this.spans.set(ptr, span);
    return this;
  }

  /** Copy every entry of `other` found under `fromPrefix`, re-rooted under `toPrefix`. */
  graft(other: SourceMap, fromPrefix: string, toPrefix: string): this {
    for (const p of other.pointers()) {
      if (p === fromPrefix || p.startsWith(fromPrefix + '/')) {
        const span = other.get(p);
        if (span) this.spans.set(toPrefix + p.slice(fromPrefix.length), span);
      }
    }
    return this;
  }

  get(ptr: string): Span | undefined {
    return this.spans.get(ptr);
  }

  locate(ptr: string): Span {
    let p: string | undefined = ptr;
    while (p !== undefined) {
      const s = this.spans.get(p);
      if (s) return s;
      p = parentPointer(p);
    }
    return this.root;
  }

  pointers(): string[] {
    if (!this.rootFirst) return [...this.spans.keys()];
    const out = [''];
    for (const p of this.spans.keys()) if (p !== '') out.push(p);
    return out;
  }
}

/** A span covering a single line. */
export function lineSpan(file: string, line: number, column = 1): Span {
  return { file, start: { line, column }, end: { line, column } };
}
