/** CLI entry: argv -> runGate() -> print, exit code. Thin. */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runGate } from './gate.js';
import type { GateResult } from './gate.js';
import { loadOptions, ConfigError, parseSeverity } from './config/load.js';
import { resolveRoot } from './sources/root.js';
import { toText } from './report/text.js';
import { toJsonReport } from './report/json.js';
import { toMarkdown } from './report/markdown.js';
import { toSarif } from './report/sarif.js';
import { toAnnotations } from './report/annotations.js';
import { gitBaseSource } from './findings/baseline.js';
import { loadTrustedOptions, syncSource } from './config/trusted.js';
import type { TrustedConfig } from './config/trusted.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';
import { credentialsProblem } from './checks/access-analyzer/index.js';

export const EXIT = { pass: 0, fail: 1, usage: 2, incomplete: 3 } as const;

const HELP = `${TOOL_NAME} ${TOOL_VERSION}: check AWS IAM policies in CloudFormation, SAM, Terraform and policy files.

Usage: ${TOOL_NAME} [scan] [PATH...] [options]

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
  --list-policies        print every extracted policy with its location and resolved document
  --root DIR             repository root; nothing outside it is read (default: the git work tree or the paths' common directory)
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 pass, 1 blocking findings, 2 usage or config error, 3 analysis incomplete.
`;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
}

const FORMATS = ['text', 'json', 'markdown', 'sarif', 'annotations'] as const;
type Format = (typeof FORMATS)[number];

export function render(result: GateResult, format: Format, opts: { colour: boolean; listPolicies: boolean }): string {
  switch (format) {
    case 'json':
      return JSON.stringify(toJsonReport(result, { listPolicies: opts.listPolicies }), null, 2) + '\n';
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

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        'fail-on': { type: 'string' },
        base: { type: 'string' },
        'config-from': { type: 'string' },
        'access-analyzer': { type: 'string' },
        'aa-endpoint': { type: 'string' },
        'list-policies': { type: 'boolean' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.stderr(`${TOOL_NAME}: ${(e as Error).message}\n\n${HELP}`);
    return EXIT.usage;
  }
  const { values } = args;
  let positionals = args.positionals;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.pass;
  }
  if (values.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT.pass;
  }
  if (positionals[0] === 'scan') positionals = positionals.slice(1);
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`${TOOL_NAME}: --format must be one of ${FORMATS.join(', ')}\n`);
    return EXIT.usage;
  }
  const aa = values['access-analyzer'];
  if (aa !== undefined && !['auto', 'on', 'off'].includes(aa)) {
    io.stderr(`${TOOL_NAME}: --access-analyzer must be auto, on or off\n`);
    return EXIT.usage;
  }
  let result: GateResult;
  try {
    const root = resolveRoot(io.cwd, positionals, values.root);
    // precedence: defaults < config file < CLI flags (config/precedence.ts); a flag not given sets nothing
    const cli = {
      ...(values['fail-on'] === 'none' ? { reportOnly: true } : values['fail-on'] !== undefined ? { failOn: parseSeverity(values['fail-on'], '--fail-on'), reportOnly: false } : {}),
      ...(aa !== undefined ? { accessAnalyzer: aa as 'auto' | 'on' | 'off' } : {}),
      ...(values['aa-endpoint'] !== undefined ? { aa: { endpoint: values['aa-endpoint'] } } : {}),
    };
    const configFrom = values['config-from'] ?? values.base;
    let trusted: TrustedConfig | undefined;
    if (configFrom !== undefined) {
      let source;
      try {
        const git = gitBaseSource(root, configFrom, 5 * 1024 * 1024);
        source = syncSource(git.label, (rel) => git.read(rel));
      } catch (e) {
        io.stderr(`${TOOL_NAME}: config error: ${values['config-from'] !== undefined ? '--config-from' : '--base'}: ${(e as Error).message} (the config is only trusted as committed there)\n`);
        return EXIT.usage;
      }
      trusted = await loadTrustedOptions(root, io.cwd, values.config, { cli }, source);
    }
    const { options } = trusted ?? loadOptions(root, io.cwd, values.config, { cli });
    if (options.accessAnalyzer === 'on') {
      const problem = await credentialsProblem(options);
      if (problem) {
        io.stderr(`${TOOL_NAME}: ${problem}\n`);
        return EXIT.usage;
      }
    }
    let base;
    if (values.base !== undefined) {
      try {
        base = gitBaseSource(root, values.base, options.maxFileBytes);
      } catch (e) {
        io.stderr(`${TOOL_NAME}: --base: ${(e as Error).message}\n`);
        return EXIT.usage;
      }
    }
    result = await runGate(positionals, options, { base, findings: trusted?.findings ?? [], notes: trusted?.notes ?? [] });
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`${TOOL_NAME}: config error: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  const colour = io.isTTY && !values.output && !process.env.NO_COLOR;
  const text = render(result, format, { colour, listPolicies: values['list-policies'] === true });
  if (values.output) {
    writeFileSync(path.resolve(io.cwd, values.output), text);
    // a short verdict line still goes to the terminal
    io.stderr(`${result.verdict.status.toUpperCase()}: ${result.verdict.reason}\n`);
  } else io.stdout(text);
  return EXIT[result.verdict.status];
}
