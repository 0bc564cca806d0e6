/**
 * The config file's schema (`.github/iam-policy-gate.yml`), written once with zod 4, from which both the runtime
 * validation (load.ts) and the committed JSON Schema for editors (docs/iam-policy-gate.schema.json) come.
 *
 * The schema describes the file exactly as written (kebab-case keys, list-or-scalar shorthands); load.ts maps the
 * validated file onto the `Options` fields. Unknown keys are errors (strict objects) so typos never pass silently.
 */
import { z } from 'zod';
import { SEVERITIES } from '../result.js';
import { POLICY_TYPES } from '../policy/types.js';
import { CHANNEL_MODES, COMMENT_MODES, COMMENT_TAG } from './noise.js';
import { configurableRuleIds } from '../rules-meta/index.js';

/** Pattern of a YYYY-MM-DD calendar date. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const ACCESS_ANALYZER_LOCALES = ['DE', 'EN', 'ES', 'FR', 'IT', 'JA', 'KO', 'PT_BR', 'ZH_CN', 'ZH_TW'] as const;
export const CUSTOM_CHECKS = ['no-new-access', 'access-not-granted', 'no-public-access'] as const;
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

/**
 * A template token pattern (`placeholders:`): `*` any run of characters, `?` one; found anywhere inside a value. It
 * must name the token (three characters other than wildcards), so no pattern makes every value a token; a regular
 * expression (`^...$`, `.*`, `\\w`) is told what the wildcard spelling would be.
 */
export function placeholderPatternProblem(p: string): string | undefined {
  if (/\.\*|\.\+|\\[dws]|^\^|\[\^?[^\]]*\]|\(.*\|/.test(p)) {
    const fixed = p.replace(/^\^|\$$/, '').replace(/\.[*+]/g, '*').replace(/\\[dws][+*]?/g, '*').replace(/\[\^?[^\]]*\][+*]?/g, '*').replace(/\\(.)/g, '$1');
    return `is a wildcard pattern (* and ?), not a regular expression${/[^*?]{3}/.test(fixed.replace(/[*?]/g, '')) ? ` (did you mean "${fixed}"?)` : ''}`;
  }
  if (p.replace(/[*?]/g, '').length < 3) return 'must name the token with at least 3 characters other than * and ? (e.g. "%%*%%" or "REPLACE_ME_*")';
  return undefined;
}

/** The small schemas the others are made of (config schemas are built on first use: see configSchemas). */
function baseSchemas() {
  const nonEmpty = z.string().min(1, { error: 'must not be empty' });

  /** A glob, or a list of globs (repository-relative). */
  const globs = z
    .union([nonEmpty, z.array(nonEmpty)], { error: 'must be a glob or a list of globs' })
    .meta({ description: 'A glob or a list of globs, relative to the repository root (* within a segment, ** across segments, ?, [a-z], {a,b}; a leading ! excludes; e.g. "infra/**/*.yml").' });

  /** A repository-relative file path: never absolute, never climbing out of the repository. */
  const repoPath = z
    .string()
    .min(1, { error: 'must not be empty' })
    .refine((p) => !/^([/\\]|[A-Za-z]:)/.test(p), { error: 'must be relative to the repository root, not absolute' })
    .refine((p) => /^([/\\]|[A-Za-z]:)/.test(p) || !p.split(/[/\\]/).includes('..'), { error: 'must stay inside the repository (no ".." segments)' })
    .meta({ description: 'A file path relative to the repository root.' });

  /** A 12-digit account id; an unquoted YAML number is accepted (and zero-padded) because YAML reads it as a number. */
  const accountId = z
    .union(
      [
        z.string().regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account id' }),
        z.int({ error: 'must be a 12-digit AWS account id (quote it)' }).min(0).max(999_999_999_999, { error: 'must be a 12-digit AWS account id' }),
      ],
      { error: 'must be a 12-digit AWS account id (quote it)' },
    )
    .meta({ description: 'A 12-digit AWS account id (quote it so YAML keeps leading zeros).' });

  const placeholderPattern = z
    .string()
    .max(200, { error: 'must be at most 200 characters' })
    .superRefine((p, ctx) => {
      const problem = placeholderPatternProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

  const severity = z.enum(SEVERITIES as unknown as [string, ...string[]], { error: `must be one of ${SEVERITIES.join(', ')}` });

  const ruleSetting = z
    .union(
      [
        z.enum(['off', 'on']),
        z.boolean(),
        severity,
        z.strictObject({
          enabled: z.boolean().optional().meta({ description: 'false turns the rule off.' }),
          severity: severity.optional().meta({ description: 'Reports of this rule get this severity.' }),
        }),
      ],
      { error: `use off, on, a severity (${SEVERITIES.join(', ')}), or { enabled, severity }` },
    )
    .meta({ description: 'off/false disables the rule, on/true enables it, a severity overrides its severity.' });

  /** Known ids are checked in load.ts (with a did-you-mean); the JSON Schema lists them for editors. */
  const ruleId = z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, { error: 'must be a rule id (e.g. admin-wildcard) or an Access Analyzer issue code (e.g. PASS_ROLE_WITH_STAR_IN_RESOURCE)' })
    .meta({ enum: configurableRuleIds() });

  const isoDate = z
    .string()
    .regex(DATE, { error: 'must be a date written YYYY-MM-DD' })
    .refine((s) => !DATE.test(s) || (!Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)), {
      error: 'is not a real calendar date',
    });
  return { nonEmpty, globs, repoPath, accountId, placeholderPattern, severity, ruleSetting, ruleId, isoDate };
}

type Base = ReturnType<typeof baseSchemas>;

/** One ignore entry, and the entries of the config's other lists and of `access-analyzer`. */
function entrySchemas(b: Base) {
  const { nonEmpty, globs, repoPath, ruleId, isoDate } = b;
  const ignoreEntry = z
    .strictObject({
      rule: ruleId.meta({ description: 'Rule id or Access Analyzer issue code (exact, case-insensitive).' }),
      files: globs.optional().meta({ description: 'Only findings in files matching these globs (repository-relative).' }),
      resource: nonEmpty.optional().meta({ description: 'Only findings on this resource: CloudFormation logical id or Terraform address; * and ? are wildcards.' }),
      sid: nonEmpty.optional().meta({ description: 'Only findings in the statement with this Sid (exact).' }),
      action: nonEmpty
        .optional()
        .meta({ description: 'Only findings whose subject action or statement actions match this IAM action pattern (e.g. "s3:*"; case-insensitive).' }),
      reason: z
        .string({ error: 'is required: say why the finding is accepted (e.g. a ticket)' })
        .trim()
        .min(1, { error: 'is required: say why the finding is accepted (e.g. a ticket)' })
        .meta({ description: 'Why the finding is accepted. Required; shown in every report next to the suppressed finding.' }),
      expires: isoDate.optional().meta({
        description: 'Last day (UTC, YYYY-MM-DD) the entry suppresses. From the next day on it no longer suppresses and is reported.',
      }),
    })
    .meta({ description: 'One suppression. Every matcher given must match the finding.' });

  const policyTypeEntry = z.strictObject({
    files: globs,
    type: z.enum(POLICY_TYPES as unknown as [string, ...string[]], { error: `must be one of ${POLICY_TYPES.join(', ')}` }),
  });

  const parameterValues = z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))], { error: 'a parameter value must be a string, number, boolean or a list' }))
    .meta({ description: 'Parameter name -> value (a list for List<...> / CommaDelimitedList parameters).' });

  const cfnParameterEntry = z.strictObject({
    files: globs,
    values: parameterValues.optional(),
    file: repoPath.optional().meta({ description: 'Parameters file (CLI/CodePipeline JSON list or map, YAML map), repository-relative.' }),
  }).refine((e) => e.values !== undefined || e.file !== undefined, { error: 'give values or file' });

  const accessAnalyzerObject = z.strictObject({
    mode: z.enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' }).optional().meta({
      description: 'auto: call IAM Access Analyzer when AWS credentials are available; on: required; off: offline checks only.',
    }),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { error: 'must be an AWS region such as us-east-1' })
      .optional()
      .meta({ description: 'Region of the Access Analyzer endpoint.' }),
    locale: z.enum(ACCESS_ANALYZER_LOCALES, { error: `must be one of ${ACCESS_ANALYZER_LOCALES.join(', ')}` }).optional(),
    'max-billed-calls': z.int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' }).optional().meta({
      description: 'Cap on billed custom-check calls per run; past it the verdict is incomplete. 0 disables the custom checks.',
    }),
    concurrency: z.int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(32, { error: 'must be at most 32' }).optional(),
    'cache-dir': z
      .union([z.string(), z.literal(false)], { error: 'must be a directory or false' })
      .optional()
      .meta({ description: 'Result cache directory (repository-relative); false or "" disables the cache.' }),
    'custom-checks': z
      .array(z.enum(CUSTOM_CHECKS, { error: `must be one of ${CUSTOM_CHECKS.join(', ')}` }))
      .optional()
      .meta({ description: 'Which custom policy checks run (the others are skipped). Default: all three.' }),
    'allow-failures': z.boolean().optional().meta({ description: 'A failed Access Analyzer call does not make the verdict incomplete.' }),
  });
  return { ignoreEntry, policyTypeEntry, parameterValues, cfnParameterEntry, accessAnalyzerObject };
}

type Entries = ReturnType<typeof entrySchemas>;

/** An OU in the organisation tree. */
export interface OuConfig {
  id?: string;
  accounts?: (string | number)[];
  ous?: Record<string, OuConfig>;
}

/** `organization:`, the model the SCP checks read. */
function organizationSchemaOf(b: Base) {
  const { nonEmpty, repoPath, accountId } = b;
  const ouId = z.string().regex(/^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/, { error: 'must be an OU id such as ou-ab12-cdef3456' });

  const ouSchema = z
    .strictObject({
      id: ouId.optional(),
      accounts: z.array(accountId).optional(),
      get ous(): z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodType<OuConfig>>> {
        return z.record(z.string(), ouSchema as z.ZodType<OuConfig>).optional();
      },
    })
    .meta({ id: 'OrganizationalUnit', description: 'An OU: its id, the accounts directly in it and its child OUs (by name).' });

  const scpNames = z.union([nonEmpty, z.array(nonEmpty)], { error: 'must be an SCP name or a list of SCP names' });

  return z
    .strictObject({
      root: z.string().regex(/^r-[0-9a-z]{4,32}$/, { error: 'must be a root id such as r-ab12' }).optional(),
      scps: z.record(z.string(), repoPath).optional().meta({ description: 'SCP name -> policy file (repository-relative).' }),
      attachments: z
        .record(z.string(), scpNames)
        .optional()
        .meta({ description: 'Target (root, an OU name or id, or an account id) -> names of the SCPs attached to it.' }),
      ous: z.record(z.string(), ouSchema).optional().meta({ description: 'OU name -> { id, accounts, ous }: the OU tree under the root.' }),
      deployments: z
        .record(z.string(), z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]))
        .optional()
        .meta({ description: 'Template glob -> account ids, OU names or OU ids the templates are deployed to.' }),
      'exempt-principals': z
        .array(nonEmpty)
        .optional()
        .meta({ description: 'Break-glass / administrator principal ARNs (wildcards allowed) that an SCP must never lock out.' }),
      'pipeline-principals': z
        .array(nonEmpty)
        .optional()
        .meta({ description: 'Principal ARNs of the deployment pipeline this repository deploys with; an SCP denying what they need is a lock-out risk.' }),
      'management-account': accountId.optional().meta({ description: 'The management account: SCPs do not apply to it.' }),
    })
    .meta({ description: 'The AWS Organizations model used by the SCP checks.' });
}

/** The config file's keys, first part (what is scanned, rules, account, templates). */
function scanFields(b: Base, e: Entries) {
  const { nonEmpty, globs, repoPath, accountId, placeholderPattern, severity, ruleSetting, ruleId } = b;
  const { policyTypeEntry } = e;
  return {
    $schema: z.string().optional(),
    paths: globs.optional().meta({ description: 'Only files matching these globs are scanned (default: every candidate file).' }),
    include: globs.optional().meta({ description: 'Same as paths.' }),
    exclude: globs.optional().meta({ description: 'Files matching these globs are skipped.' }),
    'default-excludes': z.boolean().optional().meta({
      description: 'A directory walk skips build and vendor folders (vendor/, site-packages/, cdk.out/asset.*, the dist/ of a JavaScript package). false walks them too. Default: true.',
    }),
    'suppression-mappings': z
      .record(
        z.string().regex(/^(cfn_nag|checkov|cfn-lint):[A-Za-z0-9_.-]+$/, { error: 'must be tool:rule, tool one of cfn_nag, checkov, cfn-lint (e.g. cfn_nag:F3)' }),
        z.union([ruleId, z.array(ruleId)], { error: 'must be a rule id or a list of rule ids' }),
      )
      .optional()
      .meta({ description: "Another tool's suppression in template Metadata (cfn_nag rules_to_suppress, checkov skip, cfn-lint ignore_checks) -> our rule ids it suppresses on that resource. Unmapped ones are shown, never applied." }),
    'fail-on': z
      .union([severity, z.literal('none')], { error: `must be one of ${SEVERITIES.join(', ')} or none` })
      .optional()
      .meta({ description: 'Lowest severity that fails the check, or none (report only: nothing blocks; an incomplete analysis still fails). Default: security-warning.' }),
    'fail-on-existing': z.boolean().optional().meta({ description: 'Also fail on findings that already existed in the base. Default: false.' }),
    'max-file-size': z
      .union([z.int().positive({ error: 'must be a positive number of bytes' }), z.string().regex(/^\s*\d+(\.\d+)?\s*(B|KB|KiB|MB|MiB)?\s*$/i, { error: 'must be a number of bytes or a size such as 512KB or 5MB' })], {
        error: 'must be a number of bytes or a size such as 512KB or 5MB',
      })
      .optional()
      .meta({ description: 'Largest input file analysed (bytes, or e.g. "5MB"). Default: 5MB.' }),
    'file-time-budget-ms': z.int().positive().optional().meta({ description: 'Per-file analysis budget in milliseconds. Default: 5000.' }),
    'policy-types': z.array(policyTypeEntry).optional().meta({ description: 'Raw policy files: glob -> policy type. First match wins.' }),
    rules: z.record(ruleId, ruleSetting).optional().meta({ description: 'Per-rule settings: rule id -> off | on | severity | { enabled, severity }.' }),
    account: accountId.optional().meta({ description: 'Account id used for placeholders and AWS::AccountId. Default: 123456789012.' }),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { error: 'must be an AWS region such as us-east-1' }).optional(),
    partition: z.enum(PARTITIONS, { error: `must be one of ${PARTITIONS.join(', ')}` }).optional(),
    placeholders: z
      .array(placeholderPattern)
      .max(100, { error: 'at most 100 patterns' })
      .optional()
      .meta({
        description:
          'Template tokens another tool fills in before deployment, as wildcard patterns found inside values (e.g. "%%*%%", "REPLACE_ME_*"), in addition to the built-in ones (ACCOUNT_ID, <<ACCOUNT>>, ${ACCELERATOR_PREFIX}, {{resolve:...}}, ${ACCEL_LOOKUP::...}). A value holding one gets no grammar, ARN, type or principal-format finding; what it grants is judged at its worst (any resource).',
      }),
    'trusted-accounts': z.array(accountId).optional().meta({ description: 'External accounts that may be trusted without a finding.' }),
    'trusted-org-ids': z
      .array(z.string().regex(/^o-[a-z0-9]{10,32}$/, { error: 'must be an organisation id such as o-a1b2c3d4e5' }))
      .optional(),
    'trusted-oidc-subjects': z.array(nonEmpty).optional().meta({ description: 'OIDC subjects that may assume roles, e.g. repo:my-org/my-repo:ref:refs/heads/main.' }),
    'sensitive-actions': z
      .array(z.string().regex(/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/, { error: 'must be an IAM action such as iam:PassRole' }))
      .max(100, { error: 'Access Analyzer accepts at most 100 actions' })
      .optional()
      .meta({ description: 'Actions CheckAccessNotGranted must not find granted.' }),
    'sensitive-resources': z
      .array(z.string().regex(/^arn:[^:]*:[^:]*:/, { error: 'must be an ARN' }).max(2048))
      .max(100, { error: 'Access Analyzer accepts at most 100 resources' })
      .optional(),
    'reference-policies': z
      .strictObject({ identity: repoPath.optional(), resource: repoPath.optional() })
      .optional()
      .meta({ description: 'Reference policies for CheckNoNewAccess (repository-relative files).' }),
  };
}

/** The config file's keys, second part (organisation, templates, reports, suppressions). */
function reportFields(b: Base, e: Entries, organization: ReturnType<typeof organizationSchemaOf>) {
  const { nonEmpty, repoPath } = b;
  const { ignoreEntry, parameterValues, cfnParameterEntry, accessAnalyzerObject } = e;
  return {
    organization: organization.optional(),
    'organization-live': z.boolean().optional().meta({
      description: 'Read the organisation (OU tree, attached SCPs and RCPs) live from AWS Organizations when organization has no tree of its own (needs credentials; see docs/scp.md for the permissions). Default: false.',
    }),
    cloudformation: z
      .strictObject({
        parameters: z
          .union([z.array(cfnParameterEntry), z.record(z.string(), parameterValues)], {
            error: 'must be a list of { files, values } or a mapping of template glob -> values',
          })
          .optional()
          .meta({ description: 'Parameter values per template glob; later entries win.' }),
      })
      .optional(),
    terraform: z
      .strictObject({
        tfvars: z.union([repoPath, z.array(repoPath)], { error: 'must be a file or a list of files' }).optional().meta({ description: 'Variable files that resolve var.x.' }),
        'all-resources': z.boolean().optional().meta({ description: 'Also analyse plan resources whose change is no-op or delete.' }),
      })
      .optional(),
    'access-analyzer': z
      .union([z.enum(['auto', 'on', 'off']), accessAnalyzerObject], { error: 'must be auto, on, off or a mapping of settings' })
      .optional(),
    'max-inline-comments': z.int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' }).optional().meta({
      description: 'Maximum inline review comments per run; the rest go to the summary. Default: 30.',
    }),
    comment: z
      .enum(COMMENT_MODES, { error: `must be one of ${COMMENT_MODES.join(', ')}` })
      .optional()
      .meta({ description: 'The sticky summary comment: always, on-findings (default; edited to "resolved" when the findings go away) or never.' }),
    inline: z
      .enum(CHANNEL_MODES, { error: `must be one of ${CHANNEL_MODES.join(', ')}` })
      .optional()
      .meta({ description: 'Which findings get an inline review comment: blocking (default), new, all or none.' }),
    annotations: z
      .enum(CHANNEL_MODES, { error: `must be one of ${CHANNEL_MODES.join(', ')}` })
      .optional()
      .meta({ description: 'Which findings become annotations (log or check run, never both): blocking, new (default), all or none.' }),
    'comment-tag': z
      .string()
      .regex(COMMENT_TAG, { error: 'must be 1-40 letters, digits, ".", "_" or "-"' })
      .optional()
      .meta({ description: 'Matrix jobs: each tag keeps its own sticky comment, review and check-run name.' }),
    'max-suppression-days': z.int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(3660, { error: 'must be at most 3660' }).optional().meta({
      description: 'An ignore entry may not expire more than this many days ahead (a config error otherwise). Default: 365.',
    }),
    ignore: z.array(ignoreEntry).optional().meta({ description: 'Suppressions: accepted findings, each with a reason.' }),
    'external-policies': z
      .array(
        z.strictObject({
          arn: z.string().regex(/^arn:[^:]*:iam::[^:]*:policy\//, { error: 'must be an IAM policy ARN (wildcards allowed)' }).max(2048),
          reason: nonEmpty.meta({ description: 'Why this policy outside the repository is accepted (who reviewed it).' }),
        }),
      )
      .optional()
      .meta({ description: 'Customer managed policies outside the repository that were reviewed; others make the verdict incomplete.' }),
  };
}

function buildSchemas() {
  const b = baseSchemas();
  const e = entrySchemas(b);
  const organization = organizationSchemaOf(b);
  const config = z
    .strictObject({ ...scanFields(b, e), ...reportFields(b, e, organization) })
    .meta({
      title: 'IAM Policy Gate configuration',
      description: 'The config file of IAM Policy Gate (.github/iam-policy-gate.yml). See docs/configuration.md.',
    });
  return { config, ignoreEntry: e.ignoreEntry, organization };
}

let built: ReturnType<typeof buildSchemas> | undefined;

/**
 * The config file's schema (`config`) and its parts, built on first use: building them is ~10 ms of a run's start-up
 * (zod gives every schema object its methods), and a run without a config file never needs them.
 */
export function configSchemas(): ReturnType<typeof buildSchemas> {
  return (built ??= buildSchemas());
}

export type ConfigFile = z.input<ReturnType<typeof configSchemas>['config']>;

/**
 * `Options.organization` as the loader hands it on (validated and normalised: lists everywhere, account ids as
 * 12-digit strings, SCP names in attachments defined under `scps` or `FullAWSAccess`). For the SCP checks.
 */
export interface OrganizationModel {
  root?: string;
  /** SCP name -> repository-relative policy file. */
  scps: Record<string, string>;
  /** `root`, the root id, an OU name or id, or an account id -> SCP names attached there. */
  attachments: Record<string, string[]>;
  /** OU name -> OU, the tree under the root. */
  ous: Record<string, OuModel>;
  /** Template glob -> account ids, OU names or OU ids it is deployed to. */
  deployments: Record<string, string[]>;
  exemptPrincipals: string[];
  pipelinePrincipals: string[];
  managementAccount?: string;
}

export interface OuModel {
  id?: string;
  accounts: string[];
  ous: Record<string, OuModel>;
}
export type IgnoreEntryConfig = z.output<ReturnType<typeof configSchemas>['ignoreEntry']>;
export type OrganizationConfig = z.output<ReturnType<typeof configSchemas>['organization']>;

/** The JSON Schema of the config file (draft 2020-12), as committed in docs/iam-policy-gate.schema.json. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchemas().config, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return { $schema, $id: 'https://github.com/iam-policy-gate/iam-policy-gate/blob/main/docs/iam-policy-gate.schema.json', ...rest };
}

/** The config file as validated (before it becomes an options layer: config/layer.ts). */
export type Config = z.output<ReturnType<typeof configSchemas>['config']>;
