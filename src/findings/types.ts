/** The finding vocabulary (Finding, AnalysisError, Verdict, Severity) lives in src/result.ts, a leaf; the stages import it from here. */
export * from '../result.js';
