/**
 * A V8 flag set for the rest of the process (v8.setFlagsFromString), with the flag's V8 default noted for the bundle's
 * start file (.ci/launcher.mjs): V8's code cache carries a hash of every flag not at its default and is rejected by a
 * process whose flags differ, so before writing the cache at exit the start file puts these flags back to their
 * defaults (and writes nothing if a probe shows the flags still differ from the start's). A runtime that refuses a
 * flag keeps its own policy. Not for flags that decide a verdict: these are memory and speed settings only.
 */
import v8 from 'node:v8';

const DEFAULTS = Symbol.for('iam-policy-gate.v8-flag-defaults');

/** `flag` like `--name=value`; `v8Default`: the same flag at V8's default value (`--name=default`). */
export function setV8Flag(flag: string, v8Default: string): void {
  try {
    v8.setFlagsFromString(flag);
  } catch {
    return;
  }
  const g = globalThis as Record<symbol, unknown>;
  const list = Array.isArray(g[DEFAULTS]) ? (g[DEFAULTS] as string[]) : (g[DEFAULTS] = []) as string[];
  if (!list.includes(v8Default)) list.push(v8Default);
}
