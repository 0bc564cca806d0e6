/** `iam-policy-gate merge REPORT.json... [--json F] [--sarif F] [--markdown F] [--sarif-category C] [--expect N]`. */
import { parseArgs } from 'node:util';
import { TOOL_NAME } from '../version.js';
import { MergeInputError } from './merge.js';
import { mergeFiles } from './merge-files.js';
import { toText } from '../report/text.js';

const USAGE = `Usage: ${TOOL_NAME} merge REPORT.json... [--json FILE] [--sarif FILE] [--markdown FILE] [--sarif-category ID] [--expect N] [-q]
  Merges the JSON reports of --shard I/N runs (or one report per repository) into one report and one verdict:
  incomplete when a shard is missing, given twice, from another commit or configuration, or incomplete itself, or
  when --expect N reports were expected and fewer came. Exit codes as for scan. See docs/sharding.md.
`;

export interface MergeIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

/** Runs the command; the outcome maps to the CLI's exit codes (usage: a report that cannot be read or trusted). */
export function runMerge(argv: string[], io: MergeIo): 'pass' | 'fail' | 'incomplete' | 'usage' {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'string' }, sarif: { type: 'string' }, markdown: { type: 'string' }, 'sarif-category': { type: 'string' }, expect: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.stderr(`${TOOL_NAME} merge: ${(e as Error).message}\n${USAGE}`);
    return 'usage';
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(USAGE);
    return 'pass';
  }
  if (values.expect !== undefined && !/^\d{1,6}$/.test(values.expect)) {
    io.stderr(`${TOOL_NAME} merge: --expect must be a number of reports\n`);
    return 'usage';
  }
  try {
    const merged = mergeFiles(positionals, io.cwd, {
      ...(values.json ? { json: values.json } : {}),
      ...(values.sarif ? { sarif: values.sarif } : {}),
      ...(values.markdown ? { markdown: values.markdown } : {}),
      ...(values['sarif-category'] ? { sarifCategory: values['sarif-category'] } : {}),
      ...(values.expect !== undefined ? { expect: Number(values.expect) } : {}),
    });
    if (values.quiet) io.stdout(`${merged.result.verdict.status.toUpperCase()}: ${merged.result.verdict.reason}\n`);
    else io.stdout(toText(merged.result, { colour: false }));
    return merged.result.verdict.status;
  } catch (e) {
    if (!(e instanceof MergeInputError)) throw e;
    io.stderr(`${TOOL_NAME} merge: ${e.message}\n`);
    return 'usage';
  }
}
