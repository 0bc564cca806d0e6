/**
 * The vocabulary of CloudFormation intrinsic resolution (intrinsics.ts): the NoValue and outside-value markers,
 * bounds, what resolution reports (issues, placeholders, spans) and the template model it reads.
 */
import type { CNode, CMap } from './yaml.js';
import type { Env } from './arns.js';

export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Longest string an intrinsic function may compute (IAM policies are at most a few KB). */
export const MAX_STRING = 65_536;

/** A parameter with more allowed values than this is analysed as any value (its widest). */
export const MAX_ALLOWED = 32;

/** A parameter value a parent stack passes that comes from outside the repository (see nested.ts). */
export const OUTSIDE_VALUE: unique symbol = Symbol('outside the repository');

export interface Issue {
  node: CNode;
  message: string;
  rule: string;
}

export interface PlaceholderHit {
  ptr: string;
  node: CNode;
  standIn: string;
  reason: string;
  /**
   * The value comes from outside the repository (a parameter without default, an imported value, a dynamic
   * reference, a custom resource): anyone deploying chooses it, so it may be anything, `*` included.
   */
  external?: boolean;
  /** Pointer at which `node` was resolved (`ptr` is inside its value). */
  base: string;
}

/** A point where the template allows more than one value: a condition, an allowed value, a mapping key. */
export interface ChoicePoint {
  key: string;
  arity: number;
  label(i: number): string;
}

/** One run of an exploration: the choices made so far (by encounter order) and the points met. */
export interface ChoiceRun {
  prefix: number[];
  met: { point: ChoicePoint; value: number }[];
  byKey: Map<string, number>;
}

export interface Sink {
  span(ptr: string, node: CNode): void;
  placeholder(hit: PlaceholderHit): void;
}

export interface TemplateModel {
  parameters: Map<string, CNode>;
  mappings: CNode | undefined;
  conditions: Map<string, CNode>;
  resources: Map<string, CMap>;
  /** Parameter values from the config (win over defaults). */
  parameterValues: Record<string, unknown>;
  env: Omit<Env, 'path'>;
  /** `!GetAtt Stack.Outputs.Name` of a nested stack whose template is in the repository (see nested.ts). */
  nestedOutput?: (stack: string, output: string) => { value: unknown; known: boolean } | undefined;
}
