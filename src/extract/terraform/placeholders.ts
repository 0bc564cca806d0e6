/**
 * Well-formed stand-ins for values Terraform only knows after apply (`aws_s3_bucket.logs.arn`). A stand-in is an
 * ARN (or name, id, account) of the right shape for the referenced resource type and never contains a wildcard,
 * so no check mistakes it for `*`. Every stand-in is registered so the record can list it as a placeholder.
 */
import type { Placeholder } from '../../policy/types.js';
import { escapeSegment } from '../../policy/source-map.js';
import type { TableContext } from './resources.js';
import { parseReference, specificReferences } from './address.js';

/** References that are parts of a larger string rather than whole values. */
const FRAGMENT = /^(var|local)\.|^data\.(aws_region|aws_caller_identity|aws_partition)\./;

type ArnBuilder = (name: string, c: TableContext) => string;

const regional = (service: string, resource: string): ArnBuilder => (n, c) =>
  `arn:${c.partition}:${service}:${c.region}:${c.account}:${resource.replace('{}', n)}`;
const global = (service: string, resource: string): ArnBuilder => (n, c) =>
  `arn:${c.partition}:${service}::${c.account}:${resource.replace('{}', n)}`;

const ARNS: Record<string, ArnBuilder> = {
  aws_s3_bucket: (n, c) => `arn:${c.partition}:s3:::${n}`,
  aws_s3_directory_bucket: (n, c) => `arn:${c.partition}:s3express:${c.region}:${c.account}:bucket/${n}`,
  aws_s3_access_point: regional('s3', 'accesspoint/{}'),
  aws_sqs_queue: regional('sqs', '{}'),
  aws_sns_topic: regional('sns', '{}'),
  aws_kms_key: regional('kms', 'key/00000000-0000-4000-8000-000000000000'),
  aws_kms_replica_key: regional('kms', 'key/mrk-00000000000040008000000000000000'),
  aws_kms_alias: regional('kms', 'alias/{}'),
  aws_iam_role: global('iam', 'role/{}'),
  aws_iam_user: global('iam', 'user/{}'),
  aws_iam_group: global('iam', 'group/{}'),
  aws_iam_policy: global('iam', 'policy/{}'),
  aws_iam_instance_profile: global('iam', 'instance-profile/{}'),
  aws_iam_openid_connect_provider: global('iam', 'oidc-provider/{}'),
  aws_iam_saml_provider: global('iam', 'saml-provider/{}'),
  aws_lambda_function: regional('lambda', 'function:{}'),
  aws_lambda_alias: regional('lambda', 'function:{}:live'),
  aws_lambda_layer_version: regional('lambda', 'layer:{}:1'),
  aws_dynamodb_table: regional('dynamodb', 'table/{}'),
  aws_secretsmanager_secret: regional('secretsmanager', 'secret:{}-AbCdEf'),
  aws_cloudwatch_log_group: regional('logs', 'log-group:{}'),
  aws_cloudwatch_event_bus: regional('events', 'event-bus/{}'),
  aws_cloudwatch_event_rule: regional('events', 'rule/{}'),
  aws_ecr_repository: regional('ecr', 'repository/{}'),
  aws_kinesis_stream: regional('kinesis', 'stream/{}'),
  aws_kinesis_firehose_delivery_stream: regional('firehose', 'deliverystream/{}'),
  aws_sfn_state_machine: regional('states', 'stateMachine:{}'),
  aws_ssm_parameter: regional('ssm', 'parameter/{}'),
  aws_efs_file_system: regional('elasticfilesystem', 'file-system/fs-0000000000000000'),
  aws_elasticsearch_domain: regional('es', 'domain/{}'),
  aws_opensearch_domain: regional('es', 'domain/{}'),
  aws_api_gateway_rest_api: (n, c) => `arn:${c.partition}:apigateway:${c.region}::/restapis/${n}`,
  aws_codebuild_project: regional('codebuild', 'project/{}'),
  aws_codecommit_repository: regional('codecommit', '{}'),
  aws_backup_vault: regional('backup', 'backup-vault:{}'),
  aws_glue_catalog_database: regional('glue', 'database/{}'),
  aws_glue_catalog_table: regional('glue', 'table/{}'),
  aws_cloudtrail: regional('cloudtrail', 'trail/{}'),
  aws_ecs_cluster: regional('ecs', 'cluster/{}'),
  aws_ecs_task_definition: regional('ecs', 'task-definition/{}:1'),
  aws_eks_cluster: regional('eks', 'cluster/{}'),
  aws_rds_cluster: regional('rds', 'cluster:{}'),
  aws_db_instance: regional('rds', 'db:{}'),
  aws_vpc: regional('ec2', 'vpc/vpc-00000000000000000'),
  aws_vpc_endpoint: regional('ec2', 'vpc-endpoint/vpce-00000000000000000'),
  aws_instance: regional('ec2', 'instance/i-00000000000000000'),
  aws_glacier_vault: regional('glacier', 'vaults/{}'),
  aws_codeartifact_domain: regional('codeartifact', 'domain/{}'),
  aws_codeartifact_repository: regional('codeartifact', 'repository/{}'),
  aws_ssoadmin_permission_set: (n, c) => `arn:${c.partition}:sso:::permissionSet/ssoins-0000000000000000/ps-${n}`,
  aws_organizations_organizational_unit: (n, c) => `arn:${c.partition}:organizations::${c.account}:ou/o-placeholder/ou-${n}`,
  aws_s3tables_table_bucket: regional('s3tables', 'bucket/{}'),
  aws_sagemaker_model_package_group: regional('sagemaker', 'model-package-group/{}'),
  aws_mq_broker: regional('mq', 'broker:{}:b-00000000-0000-4000-8000-000000000000'),
  aws_networkfirewall_rule_group: regional('network-firewall', 'stateful-rulegroup/{}'),
};

/** Attributes that hold a resource's name in planned values, by preference. */
const NAME_ATTRS = ['name', 'bucket', 'function_name', 'domain_name', 'repository_name', 'table_name', 'cluster_name', 'identifier'];

/** A sanitised name usable inside an ARN (no wildcards, no spaces). */
function safeName(s: string): string {
  const n = s.replace(/[^A-Za-z0-9_.\-/]/g, '-').replace(/^-+|-+$/g, '');
  return n || 'placeholder';
}

export interface StandInContext extends TableContext {
  /** Known planned values of a referenced resource (by full address, module prefix applied). */
  valuesOf(address: string): Record<string, unknown> | undefined;
  /** Known value of a variable of the module the reference was written in. */
  variable?(name: string): unknown;
  /** References of a module output's expression (`module.m.out` -> `['aws_iam_role.this']`), module prefix applied. */
  moduleOutput?(modulePrefix: string, module: string, output: string): { refs: string[]; modulePrefix: string } | undefined;
}

/**
 * What a registered stand-in is. `worst` (a sentence) marks a value the gate cannot know and nobody in the
 * repository decides (a variable without default, a function not evaluated, an unreadable data source): in a
 * position that decides access it is analysed as its worst case (see worst-case.ts). `alternatives` marks a value
 * that is one of several (both branches of a conditional on an input): every one is analysed there, `primary`
 * (the value with the known inputs, when there is one) stands everywhere else.
 */
export interface StandInEntry {
  expression: string;
  reason: string;
  worst?: string;
  alternatives?: { value: unknown; when: string }[];
  primary?: unknown;
}

export class StandIns {
  private readonly byValue = new Map<string, StandInEntry>();
  constructor(private readonly ctx: StandInContext) {}

  /** Register and return the stand-in for one reference (written in the module with prefix `modulePrefix`). */
  forReference(ref: string, modulePrefix: string, reason: string, worst?: string): string {
    // a worst-case value of a resource or data source is its own token: a name-shaped stand-in ("c" for
    // aws_eks_cluster.c) would also be found inside other strings of the document ("fun*tion")
    const kind = worst ? parseReference(ref).kind : undefined;
    const value = kind === 'resource' || kind === 'data' ? `tf-unknown-${safeName(ref)}` : this.build(ref, modulePrefix);
    const e = this.byValue.get(value);
    if (!e) this.byValue.set(value, { expression: ref, reason, ...(worst ? { worst } : {}) });
    else if (worst && !e.worst) e.worst = worst;
    return value;
  }

  /** A token for a value that is one of several (a conditional on an input): resolved by worst-case.ts. */
  alternatives(expression: string, alternatives: { value: unknown; when: string }[], primary?: unknown): string {
    const value = `tf-either-value-${this.byValue.size + 1}`;
    this.byValue.set(value, { expression, reason: `one of several values (${alternatives.map((a) => a.when).join('; ')})`, alternatives, ...(primary !== undefined ? { primary } : {}) });
    return value;
  }

  /** Every registered stand-in (worst-case.ts resolves them). */
  entries(): ReadonlyMap<string, StandInEntry> {
    return this.byValue;
  }

  /** Stand-ins for an expression's references (most specific only); an opaque stand-in when there are none. */
  forExpression(refs: string[], modulePrefix: string, reason: string, arn = false): string[] {
    const specific = specificReferences(refs).filter((r) => !/^(each|count|path|terraform)\./.test(r));
    const fragments = specific.filter((r) => FRAGMENT.test(r));
    if (specific.length === 0 || (fragments.length > 0 && specific.length > 1)) {
      // a template made of several parts ("arn:...:${data.aws_region.current.name}:${local.x}"): one opaque value
      return [this.opaque(reason, specific.length ? specific.join(' + ') : undefined, arn)];
    }
    const values = [...new Set(specific.map((r) => this.forReference(r, modulePrefix, reason)))];
    // a Resource element must look like an ARN: a name or id alone is a part of a template we cannot see
    if (arn && values.some((v) => !v.startsWith('arn:'))) return [this.opaque(reason, specific.join(' + '), true)];
    return values;
  }

  opaque(reason: string, expression = '(expression known only after apply)', arn = false, worst?: string): string {
    const n = this.byValue.size + 1;
    const c = this.ctx;
    const value = arn ? `arn:${c.partition}:unknown:${c.region}:${c.account}:tf-unknown-value-${n}` : `tf-unknown-value-${n}`;
    this.byValue.set(value, { expression, reason, ...(worst ? { worst } : {}) });
    return value;
  }

  /** Placeholders for every registered stand-in found in `document` (by JSON pointer). */
  placeholdersIn(document: unknown, prefix = ''): Placeholder[] {
    const out: Placeholder[] = [];
    if (this.byValue.size === 0) return out;
    const walk = (v: unknown, ptr: string) => {
      if (typeof v === 'string') {
        const hit = this.byValue.get(v);
        if (hit) out.push({ path: ptr, expression: hit.expression, standIn: v, reason: hit.reason });
        else {
          // a stand-in embedded in a longer string ("${aws_s3_bucket.b.arn}/*" rendered by the builder)
          for (const [standIn, h] of this.byValue) {
            if (v.includes(standIn)) {
              out.push({ path: ptr, expression: h.expression, standIn, reason: h.reason });
              break;
            }
          }
        }
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${ptr}/${i}`));
      else if (v !== null && typeof v === 'object')
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, `${ptr}/${escapeSegment(k)}`);
    };
    walk(document, prefix);
    return out;
  }

  private build(ref: string, modulePrefix: string): string {
    const c = this.ctx;
    const r = parseReference(ref);
    if (r.kind === 'data') {
      if (r.type === 'aws_caller_identity') return r.attribute === 'arn' ? `arn:${c.partition}:iam::${c.account}:root` : c.account;
      if (r.type === 'aws_partition') return r.attribute === 'dns_suffix' ? 'amazonaws.com' : c.partition;
      if (r.type === 'aws_region') return c.region;
    }
    if (r.kind === 'module' && this.ctx.moduleOutput && r.attribute) {
      const out = this.ctx.moduleOutput(modulePrefix, r.name, r.attribute);
      const inner = out ? specificReferences(out.refs).find((x) => parseReference(x).kind === 'resource') : undefined;
      if (out && inner) {
        const ir = parseReference(inner);
        // `{ for k, r in aws_iam_role.this : k => r.arn }` names no attribute: the output's name tells
        const attr = ir.attribute ?? (/arns?$/.test(r.attribute) ? 'arn' : /names?$/.test(r.attribute) ? 'name' : undefined);
        return this.build(attr && !ir.attribute ? `${inner}.${attr}` : inner, out.modulePrefix);
      }
    }
    if (r.kind === 'var' && this.ctx.variable) {
      const v = this.ctx.variable(r.name);
      if (typeof v === 'string' && v !== '') return v;
    }
    if ((r.kind === 'resource' || r.kind === 'data') && r.type) {
      const address = `${modulePrefix}${r.kind === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
      const values = c.valuesOf(address);
      const known = values ? NAME_ATTRS.map((k) => values[k]).find((v) => typeof v === 'string' && v !== '') : undefined;
      const name = safeName(typeof known === 'string' ? known : `${r.name}-placeholder`);
      const attr = r.attribute ?? 'id';
      if (attr === 'arn' || attr.endsWith('_arn')) {
        const b = ARNS[r.type] ?? genericArn(r.type);
        // a table's stream is its own resource type (dynamodb:GetRecords acts on it, not on the table)
        if (attr === 'stream_arn' && r.type === 'aws_dynamodb_table') return `${b(name, c)}/stream/1970-01-01T00:00:00.000`;
        return b(name, c);
      }
      if (attr === 'account_id' || attr === 'owner_id') return c.account;
      if (attr === 'url' && r.type === 'aws_sqs_queue') return `https://sqs.${c.region}.amazonaws.com/${c.account}/${name}`;
      return name;
    }
    return `tf-placeholder-${safeName(r.name || ref)}`;
  }
}

function genericArn(type: string): ArnBuilder {
  const service = type.replace(/^aws_/, '').split('_')[0] ?? 'service';
  const resource = type.replace(/^aws_[^_]+_?/, '') || 'resource';
  return (n, c) => `arn:${c.partition}:${service}:${c.region}:${c.account}:${resource}/${n}`;
}
