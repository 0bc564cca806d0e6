/**
 * The engine's caches, as one object with a lifetime: one `EngineContext` per gate run (runGate creates it and
 * installs it for everything the run calls, awaited work included), dropped with the run. Nothing clears a cache by
 * hand: what must not outlive a narrower unit (the expanded grants of one policy, ~1 MB per `Action: "*"`
 * statement) lives in a scope opened around that unit (`grantScope`).
 *
 * Outside a run (unit tests, one-off look-ups) a process-wide default context serves. Every memo is bounded: hostile
 * input cannot grow one without limit (past its bound a memo starts over; that costs time, never a result).
 *
 * What is not here: the catalogue's own indexes (catalog/index.ts: derived once from immutable data, with the
 * catalogue), and memos keyed weakly by the objects they describe (they go when the object goes).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Memo, TextMemo } from '../util/memo.js';

export { Memo };

/** The caches of one run. Fields are typed loosely here (`unknown` values) and narrowed by their one owner module. */
export class EngineContext {
  /** engine/actions.ts: action pattern -> the actions it covers. */
  readonly expanded = new Memo<string, readonly string[]>(10_000);
  /** engine/actions.ts: the same by the pattern as written (the hot look-up: no lower-cased copy per question). */
  readonly expandedAsWritten = new TextMemo<readonly string[]>(10_000);
  /** engine/actions.ts: NotAction pattern list -> every other action. */
  readonly notActions = new Memo<string, readonly string[]>(10_000);
  /** engine/actions.ts: a pattern's expansion (the list object) -> its actions as a set (membership tests). */
  readonly patternSets = new Memo<readonly string[], ReadonlySet<string>>(1_000);
  /** engine/actions.ts: action pattern (as written) -> its compiled matcher (actionMatches). */
  readonly actionMatchers = new Memo<string, (action: string) => boolean>(10_000);
  /** engine/actions.ts: the action universe (built once per run) and its pattern bitsets (~22 KB each). */
  universe: unknown;
  readonly patternBits = new Memo<string, Uint8Array>(2_000);
  /** engine/grants.ts: Action / NotAction pattern list -> its bitset (statementBits; ~22 KB each, shared). */
  readonly statementBits = new Memo<string, unknown>(500);
  /** engine/arn-patterns.ts: ARN pattern x resource type questions. */
  readonly arnCovers = new Memo<string, boolean>(10_000);
  readonly arnIntersects = new Memo<string, boolean | undefined>(10_000);
  /** engine/coverage.ts: base statement -> head statement -> covered. */
  readonly statementCovers = new WeakMap<object, WeakMap<object, boolean>>();
  /** engine/grants.ts: Action list -> the resource types its actions act on (statementResourceTypes; null: any). */
  readonly statementTypes = new Memo<string, unknown>(20_000);
  /** engine/grants.ts: the same for long lists, per raw statement object (extracted documents are not modified). */
  readonly statementTypesByObject = new WeakMap<object, unknown>();
  /** engine/arn-patterns.ts: a resource type set -> its memo key text. */
  readonly typeSetKeys = new WeakMap<object, string>();
  /** engine/grants.ts: a catalogue action (its info object) -> its resource types as `service/type`. */
  readonly actionTypeKeys = new WeakMap<object, readonly string[]>();
  /** engine/grants.ts: the same as a set (statementResourceTypes of a one-action statement; shared, read only). */
  readonly actionTypeSets = new WeakMap<object, ReadonlySet<string>>();
  /** engine/grant-actions.ts: a list of action keys -> each key's position (GrantActions.pick). */
  readonly keyOrders = new WeakMap<object, unknown>();
  /** engine/grant-actions.ts: the same list -> its keys' positions by service (GrantActions.pick). */
  readonly keyGroups = new WeakMap<object, unknown>();
  /** engine/denies.ts: a policy's statements -> its Deny set. */
  readonly policyDenies = new WeakMap<object, unknown>();
  /** Run-lifetime caches of modules outside the engine (checks/), by owner name. */
  private readonly slots = new Map<string, unknown>();
  /** engine/grants.ts: statement object -> what it grants; replaced per grant scope. */
  private grantMemo: ObjectMemo = new WeakMap<object, unknown>();

  /** A run-lifetime cache owned by a module outside the engine, made on first use (`name`: `folder/file what`). */
  slot<T>(name: string, make: () => T): T {
    if (!this.slots.has(name)) this.slots.set(name, make());
    return this.slots.get(name) as T;
  }

  get grants(): ObjectMemo {
    return this.grantMemo;
  }

  /**
   * Runs `fn` with a grant memo of its own, dropped when `fn` returns: the checks of one policy (or one principal)
   * share expansions; the next policy's do not keep them alive.
   */
  grantScope<T>(fn: () => T): T {
    const saved = this.grantMemo;
    // a plain Map (cheaper to make and to use than a WeakMap): it is dropped with the scope
    this.grantMemo = new Map();
    try {
      return fn();
    } finally {
      this.grantMemo = saved;
    }
  }
}

/** A memo keyed by objects: weak outside grant scopes, a plain Map dropped with each scope. */
export interface ObjectMemo {
  get(key: object): unknown;
  set(key: object, value: unknown): unknown;
}

const installed = new AsyncLocalStorage<EngineContext>();
let processDefault: EngineContext | undefined;

/** The context of the run in progress (or the process-wide default outside any run). */
export function engineContext(): EngineContext {
  return installed.getStore() ?? (processDefault ??= new EngineContext());
}

/** Runs `fn` (and everything it awaits) with `ctx` as the engine context. */
export function withEngineContext<T>(ctx: EngineContext, fn: () => T): T {
  return installed.run(ctx, fn);
}
