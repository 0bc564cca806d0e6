/** Condition keys by lower-case name, and the keys with a variable part (`aws:ResourceTag/${TagKey}`) as templates. */

interface KeyEntry {
  key: string;
  type: string;
  /** A key with a variable part (`aws:ResourceTag/${TagKey}`): the lower-case text before and after it. */
  template?: { before: string; after: string };
}

/**
 * Does a key fill the template's variable part with at least one character? A template names one variable (every
 * key of the reference data does); text between two variables would be taken as part of the variable. Not a
 * wildcard matcher: `*` and `?` in `key` are plain characters here.
 */
function fillsTemplate(t: { before: string; after: string }, key: string): boolean {
  const k = key.toLowerCase();
  return k.length > t.before.length + t.after.length && k.startsWith(t.before) && k.endsWith(t.after);
}

export class KeyIndex {
  private exact = new Map<string, KeyEntry>();
  private patterns: KeyEntry[] = [];
  /** The patterns' keys in lower case (a key already there is not added again: no scan of the list per key). */
  private patternKeys = new Set<string>();
  add(key: string, type: string): void {
    const lower = key.toLowerCase();
    if (key.includes('${')) {
      if (!this.patternKeys.has(lower)) {
        this.patternKeys.add(lower);
        const template = { before: lower.slice(0, lower.indexOf('${')), after: lower.slice(lower.lastIndexOf('}') + 1) };
        this.patterns.push({ key, type, template });
      }
    } else if (!this.exact.has(lower)) this.exact.set(lower, { key, type });
  }
  get(key: string): KeyEntry | undefined {
    const e = this.exact.get(key.toLowerCase());
    if (e) return e;
    return this.patterns.find((p) => fillsTemplate(p.template!, key));
  }
  get size(): number {
    return this.exact.size + this.patterns.length;
  }
}
