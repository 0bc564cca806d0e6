/** Tool identity, shown in every report. */
export const TOOL_NAME = 'iam-policy-gate';
export const TOOL_VERSION = '0.1.0';
/** Version of the JSON report schema (docs/report-schema.md). Bump on any incompatible change. */
export const REPORT_SCHEMA_VERSION = '1.3';
