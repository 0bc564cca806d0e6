/** The unified-diff reader moved to sources/diff.ts (sources/ must not import github/); kept for github/ callers. */
export * from '../sources/diff.js';
