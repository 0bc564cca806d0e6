/**
 * AWS SAM (`Transform: AWS::Serverless-2016-10-31`): the IAM that SAM generates, resolved offline.
 *
 * - `AWS::Serverless::Function` / `StateMachine`: the implicit execution role (`<LogicalId>Role`) with its trust
 *   policy, the managed policies SAM adds (basic execution, VPC, X-Ray), and every `Policies` entry: managed policy
 *   names and ARNs, inline documents, and SAM policy templates expanded from the bundled definitions.
 * - `AWS::Serverless::Api` `Auth.ResourcePolicy`: the resource policy SAM synthesises.
 * - `AWS::Serverless::Connector` and embedded `Connectors`: the identity policy SAM gives the source's role.
 */
import type { PrincipalRef } from '../../policy/types.js';
import type { CMap, CNode } from './yaml.js';
import { fromJson, str, getIn, spanOf, intrinsicName } from './yaml.js';
import type { BuildContext, ResourceInfo } from './builder.js';
import { DocSink, emitDocument, emitEntity, emitValue, finding, pick } from './builder.js';
import { awsManagedPolicyPath } from './managed-policies.js';
import { managedAttachment } from './attach.js';
import { SAM_POLICY_TEMPLATES } from './sam-policy-templates.data.js';
import { NO_VALUE } from './intrinsic-model.js';
import { eventSourceInlinePolicy } from './sam-events.js';

const VERSION = '2012-10-17';

function trust(service: string): unknown {
  return { Version: VERSION, Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }] };
}

/** Properties with `Globals.<Section>` defaults merged in (top-level keys only; the resource wins). */
export function withGlobals(props: CMap | undefined, globals: CNode | undefined, section: string): CMap | undefined {
  const g = getIn(globals, section);
  if (!g || g.kind !== 'map') return props;
  if (!props) return g;
  const entries = new Map(g.entries);
  for (const [k, v] of props.entries) entries.set(k, v);
  const keys = new Map(g.keys);
  for (const [k, v] of props.keys) keys.set(k, v);
  return { ...props, entries, keys };
}

export function samFunctionLike(ctx: BuildContext, res: ResourceInfo, kind: 'function' | 'state-machine'): void {
  const r = ctx.resolver;
  const p = res.props;
  const anchor: CNode = res.node.entries.get('Type') ?? res.node;
  if (p && pick(r, p.entries.get('Role'))) {
    // an explicit role: SAM creates none and ignores Policies (the role's own resource carries its policies)
    if (pick(r, p.entries.get('Policies'))) {
      ctx.findings.push(finding(ctx.file, spanOf(p.entries.get('Policies')!), 'sam-policies-ignored', 'warning', 'SAM Policies ignored',
        `${res.logicalId} sets Role, so SAM ignores its Policies; they were not analysed and are not granted`, res.logicalId,
        'Move the statements to the role, or remove Role to let SAM create one.'));
    }
    return;
  }
  const roleId = `${res.logicalId}Role`;
  const role: PrincipalRef = { kind: 'role', id: roleId, via: 'inline' };
  const e = r.model.env;
  const svc = kind === 'function' ? 'lambda.amazonaws.com' : 'states.amazonaws.com';
  const trustNode = pick(r, p?.entries.get('AssumeRolePolicyDocument'));
  emitDocument(ctx, trustNode ?? fromJson(trust(svc), anchor), {
    res,
    propertyPath: trustNode ? 'AssumeRolePolicyDocument' : `${roleId}/AssumeRolePolicyDocument`,
    policyType: 'trust',
    validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument',
    name: roleId,
    notes: trustNode ? [] : [`trust policy of the execution role SAM creates (${roleId})`],
  });
  emitEntity(ctx, res, 'role', undefined, `/${roleId}`, { RoleLogicalId: roleId, implicit: true, createdBy: res.logicalId });
  const managed: string[] = [];
  if (kind === 'function') {
    managed.push('service-role/AWSLambdaBasicExecutionRole');
    if (p && pick(r, p.entries.get('VpcConfig'))) managed.push('service-role/AWSLambdaVPCAccessExecutionRole');
    if (p && r.value(p.entries.get('Tracing')) === 'Active') managed.push('AWSXrayWriteOnlyAccess');
  }
  for (const m of managed) {
    const arnNode: CNode = { kind: 'scalar', value: `arn:${e.partition}:iam::aws:policy/${m}`, src: anchor.src, start: anchor.start, end: anchor.end };
    // added by SAM, not written by the user: part of the role's effective policy (AWS managed records are not
    // checked statement by statement)
    managedAttachment(ctx, res, arnNode, { ...role, via: 'managed' }, `${roleId}/ManagedPolicyArns/${m}`);
  }
  if (kind === 'function' && p) functionEvents(ctx, res, p, role);
  const policies = pick(r, p?.entries.get('Policies'));
  if (policies) {
    const items = policies.kind === 'seq' ? policies.items : [policies];
    items.forEach((raw, i) => {
      const it = pick(r, raw);
      if (!it) return;
      const path = policies.kind === 'seq' ? `Policies/${i}` : 'Policies';
      samPolicyItem(ctx, res, it, path, role, `${roleId}Policy${i}`);
    });
  }
  const boundary = pick(r, p?.entries.get('PermissionsBoundary'));
  if (boundary) managedAttachment(ctx, res, boundary, { ...role, via: 'boundary' }, 'PermissionsBoundary');
  embeddedConnectors(ctx, res);
}

function samPolicyItem(ctx: BuildContext, res: ResourceInfo, it: CNode, path: string, role: PrincipalRef, name: string): void {
  const r = ctx.resolver;
  const e = r.model.env;
  if (it.kind === 'map' && !intrinsicName(it)) {
    if (it.entries.has('Statement')) {
      emitDocument(ctx, it, { res, propertyPath: path, policyType: 'identity', name, attachedTo: [role] });
      return;
    }
    if (it.entries.size === 1) {
      const [tname, args] = it.entries.entries().next().value as [string, CNode];
      const def = SAM_POLICY_TEMPLATES[tname];
      if (def) {
        const locals = new Map<string, CNode | unknown>();
        const argMap = pick(r, args);
        for (const param of def.Parameters) {
          const v = argMap && argMap.kind === 'map' ? argMap.entries.get(param) : undefined;
          if (v) locals.set(param, v);
          else {
            ctx.findings.push(finding(ctx.file, spanOf(it), 'sam-policy-template-parameter', 'warning', 'SAM policy template parameter missing',
              `${res.logicalId}: policy template ${tname} needs parameter ${param}`, res.logicalId));
            locals.set(param, `missing-${param}`);
          }
        }
        const anchor = it.kind === 'map' ? (it.entries.get(tname) ?? it) : it;
        const docNode = fromJson({ Version: VERSION, Statement: def.Definition.Statement }, anchor.start === anchor.end ? it : it);
        r.withLocals(locals, () =>
          emitDocument(ctx, docNode, {
            res,
            propertyPath: `${path}/${tname}`,
            policyType: 'identity',
            name,
            attachedTo: [role],
            notes: [`SAM policy template ${tname} expanded`],
          }),
        );
        return;
      }
      ctx.findings.push(finding(ctx.file, spanOf(it), 'sam-unknown-policy-template', 'warning', 'Unknown SAM policy template',
        `${res.logicalId}: ${tname} is not a SAM policy template (or a newer one than the bundled list); it was not analysed`, res.logicalId));
      return;
    }
    ctx.findings.push(finding(ctx.file, spanOf(it), 'sam-invalid-policy', 'warning', 'Unrecognised SAM Policies entry',
      `${res.logicalId}: a Policies entry should be a managed policy name or ARN, a policy document or one policy template`, res.logicalId));
    return;
  }
  // a managed policy name or ARN (possibly through an intrinsic)
  const v = r.value(it);
  if (v === NO_VALUE || typeof v !== 'string') return;
  // SAM turns a bare managed policy name into its ARN, path included (AWSLambdaBasicExecutionRole is under service-role/)
  const arn = v.startsWith('arn:') ? v : `arn:${e.partition}:iam::aws:policy/${v.includes('/') ? v : (awsManagedPolicyPath(v) ?? v)}`;
  const node: CNode = arn === v ? it : { kind: 'scalar', value: arn, src: it.src, start: it.start, end: it.end };
  managedAttachment(ctx, res, node, { ...role, via: 'managed' }, path);
}

/** `AWS::Serverless::Api` `Auth.ResourcePolicy`. */
export function samApi(ctx: BuildContext, res: ResourceInfo): void {
  const r = ctx.resolver;
  const policy = pick(r, getIn(res.props, 'Policy'));
  if (policy) emitDocument(ctx, policy, { res, propertyPath: 'Policy', policyType: 'resource' });
  const rp = pick(r, getIn(res.props, 'Auth', 'ResourcePolicy'));
  if (!rp || rp.kind !== 'map') return;
  const sink = new DocSink();
  const statements: unknown[] = [];
  const resource = 'execute-api:/*';
  const add = (st: Record<string, unknown>, node: CNode, listPtr?: { key: string; value: unknown }) => {
    const ptr = `/Statement/${statements.length}`;
    sink.span(ptr, node);
    if (listPtr) {
      const vptr = `${ptr}/${listPtr.key}`;
      r.resolve(node, vptr, sink);
    }
    statements.push(st);
  };
  const custom = pick(r, rp.entries.get('CustomStatements'));
  if (custom) {
    const items = custom.kind === 'seq' ? custom.items : [custom];
    for (const it of items) {
      const ptr = `/Statement/${statements.length}`;
      const v = r.resolve(it, ptr, sink);
      if (v !== NO_VALUE && v !== null && typeof v === 'object') statements.push(v);
    }
  }
  const lists: [string, (v: unknown) => Record<string, unknown>, string][] = [
    ['AwsAccountWhitelist', (v) => ({ Effect: 'Allow', Principal: { AWS: v }, Action: 'execute-api:Invoke', Resource: resource }), 'Principal/AWS'],
    ['AwsAccountBlacklist', (v) => ({ Effect: 'Deny', Principal: { AWS: v }, Action: 'execute-api:Invoke', Resource: resource }), 'Principal/AWS'],
    ['IpRangeWhitelist', (v) => ({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: resource, Condition: { IpAddress: { 'aws:SourceIp': v } } }), 'Condition/IpAddress/aws:SourceIp'],
    ['IpRangeBlacklist', (v) => ({ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: resource, Condition: { IpAddress: { 'aws:SourceIp': v } } }), 'Condition/IpAddress/aws:SourceIp'],
    ['SourceVpcWhitelist', (v) => ({ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: resource, Condition: { StringNotEquals: { 'aws:SourceVpce': v } } }), 'Condition/StringNotEquals/aws:SourceVpce'],
    ['SourceVpcBlacklist', (v) => ({ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: resource, Condition: { StringEquals: { 'aws:SourceVpce': v } } }), 'Condition/StringEquals/aws:SourceVpce'],
  ];
  for (const [key, make, at] of lists) {
    const n = pick(r, rp.entries.get(key));
    if (!n) continue;
    const v = r.value(n);
    if (v === NO_VALUE || v === undefined) continue;
    add(make(v), n, { key: at, value: v });
  }
  if (!statements.length) return;
  emitValue(ctx, { Version: VERSION, Statement: statements }, sink, rp, {
    res,
    propertyPath: 'Auth/ResourcePolicy',
    policyType: 'resource',
    notes: ['resource policy synthesised by SAM from Auth.ResourcePolicy'],
  });
}

/** Actions SAM connectors grant, per destination type and permission. */
const CONNECTOR_ACTIONS: Record<string, { Read?: string[]; Write?: string[]; sub?: string[] }> = {
  'AWS::DynamoDB::Table': {
    Read: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:PartiQLSelect'],
    Write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate'],
    sub: ['', '/index/*'],
  },
  'AWS::S3::Bucket': {
    Read: ['s3:GetObject', 's3:GetObjectAcl', 's3:GetObjectLegalHold', 's3:GetObjectRetention', 's3:GetObjectTorrent', 's3:GetObjectVersion', 's3:GetObjectVersionAcl', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionTorrent', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListBucketVersions', 's3:ListMultipartUploadParts'],
    Write: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:RestoreObject'],
    sub: ['', '/*'],
  },
  'AWS::SQS::Queue': { Read: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], Write: ['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'] },
  'AWS::SNS::Topic': { Write: ['sns:Publish'] },
  'AWS::Lambda::Function': { Read: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration'], Write: ['lambda:InvokeAsync', 'lambda:InvokeFunction'] },
  'AWS::Serverless::Function': { Read: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration'], Write: ['lambda:InvokeAsync', 'lambda:InvokeFunction'] },
  'AWS::StepFunctions::StateMachine': { Read: ['states:DescribeStateMachine', 'states:ListExecutions'], Write: ['states:StartExecution', 'states:StartSyncExecution', 'states:StopExecution'] },
  'AWS::Serverless::StateMachine': { Read: ['states:DescribeStateMachine', 'states:ListExecutions'], Write: ['states:StartExecution', 'states:StartSyncExecution', 'states:StopExecution'] },
  'AWS::Events::EventBus': { Write: ['events:PutEvents'] },
  'AWS::Kinesis::Stream': { Read: ['kinesis:DescribeStream', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'], Write: ['kinesis:PutRecord', 'kinesis:PutRecords'] },
  'AWS::Location::PlaceIndex': { Read: ['geo:DescribePlaceIndex', 'geo:GetPlace', 'geo:SearchPlaceIndexForPosition', 'geo:SearchPlaceIndexForSuggestions', 'geo:SearchPlaceIndexForText'] },
};

function embeddedConnectors(ctx: BuildContext, res: ResourceInfo): void {
  const c = res.node.entries.get('Connectors');
  if (!c || c.kind !== 'map') return;
  for (const [name, conn] of c.entries) {
    const props = getIn(conn, 'Properties');
    if (props && props.kind === 'map') connector(ctx, res, props, `Connectors/${name}`, res.logicalId);
  }
}

/** `AWS::Serverless::Connector` resources. */
export function samConnector(ctx: BuildContext, res: ResourceInfo): void {
  const p = res.props;
  if (!p) return;
  const src = str(pick(ctx.resolver, getIn(p, 'Source', 'Id')));
  if (!src) return;
  connector(ctx, res, p, 'Properties', src);
}

function connector(ctx: BuildContext, res: ResourceInfo, props: CMap, path: string, sourceId: string): void {
  const r = ctx.resolver;
  const source = r.model.resources.get(sourceId);
  const srcType = str(source?.entries.get('Type'));
  if (srcType !== 'AWS::Serverless::Function' && srcType !== 'AWS::Serverless::StateMachine') return;
  const dests = pick(r, props.entries.get('Destination'));
  const destList = dests ? (dests.kind === 'seq' ? dests.items : [dests]) : [];
  const perms = r.value(props.entries.get('Permissions'));
  const permList = Array.isArray(perms) ? perms.filter((x): x is string => typeof x === 'string') : [];
  const sink = new DocSink();
  const statements: unknown[] = [];
  for (const d of destList) {
    const id = str(pick(r, getIn(d, 'Id')));
    const dres = id ? r.model.resources.get(id) : undefined;
    const dtype = str(dres?.entries.get('Type')) ?? str(pick(r, getIn(d, 'Type'))) ?? '';
    const acts = CONNECTOR_ACTIONS[dtype];
    if (!acts) continue;
    let arn: unknown;
    if (id && dres) arn = r.attribute(id, 'Arn', d);
    else {
      const an = getIn(d, 'Arn');
      arn = an ? r.value(an) : undefined;
    }
    if (typeof arn !== 'string') continue;
    const actions = permList.flatMap((pm) => (pm === 'Read' ? acts.Read ?? [] : pm === 'Write' ? acts.Write ?? [] : []));
    if (!actions.length) continue;
    const resources = (acts.sub ?? ['']).map((s) => arn + s);
    const ptr = `/Statement/${statements.length}`;
    sink.span(ptr, d);
    sink.span(`${ptr}/Action`, props.entries.get('Permissions') ?? d);
    sink.span(`${ptr}/Resource`, d);
    statements.push({ Effect: 'Allow', Action: actions, Resource: resources.length === 1 ? resources[0] : resources });
  }
  if (!statements.length) return;
  emitValue(ctx, { Version: VERSION, Statement: statements }, sink, props, {
    res,
    propertyPath: path,
    policyType: 'identity',
    attachedTo: [{ kind: 'role', id: `${sourceId}Role`, via: 'inline' }],
    notes: [`policy SAM generates for the connector (on ${sourceId}'s execution role)`],
  });
}

/** Managed policies SAM adds to the execution role per event source type. */
const EVENT_MANAGED: Record<string, string> = {
  SQS: 'service-role/AWSLambdaSQSQueueExecutionRole',
  Kinesis: 'service-role/AWSLambdaKinesisExecutionRole',
  DynamoDB: 'service-role/AWSLambdaDynamoDBExecutionRole',
  MSK: 'service-role/AWSLambdaMSKExecutionRole',
};

/** Service principal of the Lambda permission SAM creates per event type, and the source ARN condition. */
const EVENT_PERMISSION: Record<string, { principal: string; source?: string; account?: boolean }> = {
  Api: { principal: 'apigateway.amazonaws.com' },
  HttpApi: { principal: 'apigateway.amazonaws.com' },
  S3: { principal: 's3.amazonaws.com', account: true },
  SNS: { principal: 'sns.amazonaws.com', source: 'Topic' },
  Schedule: { principal: 'events.amazonaws.com' },
  ScheduleV2: { principal: 'scheduler.amazonaws.com' },
  EventBridgeRule: { principal: 'events.amazonaws.com' },
  CloudWatchEvent: { principal: 'events.amazonaws.com' },
  IoTRule: { principal: 'iot.amazonaws.com' },
  AlexaSkill: { principal: 'alexa-appkit.amazon.com' },
  Cognito: { principal: 'cognito-idp.amazonaws.com' },
  CloudWatchLogs: { principal: 'logs.amazonaws.com' },
};

/**
 * What SAM adds for a function's event sources and dead-letter queue: managed policies on the role, the
 * dead-letter statement, and the Lambda permissions (resource policy of the function) for push sources.
 */
function functionEvents(ctx: BuildContext, res: ResourceInfo, p: CMap, role: PrincipalRef): void {
  const r = ctx.resolver;
  const e = r.model.env;
  const fnName = r.physicalName(res.logicalId, res.node).name;
  const fnArn = `arn:${e.partition}:lambda:${e.region}:${e.account}:function:${fnName}`;
  const events = pick(r, p.entries.get('Events'));
  if (events && events.kind === 'map') {
    for (const [name, ev] of events.entries) {
      const type = str(pick(r, getIn(ev, 'Type')));
      if (!type) continue;
      const managed = EVENT_MANAGED[type];
      if (managed) {
        const t = getIn(ev, 'Type')!;
        const arnNode: CNode = { kind: 'scalar', value: `arn:${e.partition}:iam::aws:policy/${managed}`, src: t.src, start: t.start, end: t.end };
        managedAttachment(ctx, res, arnNode, { ...role, via: 'managed' }, `Events/${name}/${managed}`);
      }
      eventSourceInlinePolicy(ctx, res, role, name, type, ev);
      const perm = EVENT_PERMISSION[type];
      if (!perm) continue;
      const sink = new DocSink();
      const st: Record<string, unknown> = { Effect: 'Allow', Principal: { Service: perm.principal }, Action: 'lambda:InvokeFunction', Resource: fnArn };
      sink.span('/Statement/0', ev);
      if (perm.account) st.Condition = { StringEquals: { 'AWS:SourceAccount': e.account } };
      const src = perm.source ? pick(r, getIn(ev, 'Properties', perm.source)) : undefined;
      if (src) {
        const v = r.resolve(src, '/Statement/0/Condition/ArnLike/AWS:SourceArn', sink);
        if (typeof v === 'string') st.Condition = { ArnLike: { 'AWS:SourceArn': v } };
      }
      emitValue(ctx, { Version: VERSION, Statement: [st] }, sink, ev, {
        res,
        propertyPath: `Events/${name}`,
        policyType: 'resource',
        notes: [`Lambda permission SAM creates for the ${type} event ${name}`],
      });
    }
  }
  const url = pick(r, p.entries.get('FunctionUrlConfig'));
  const auth = url && url.kind === 'map' ? pick(r, url.entries.get('AuthType')) : undefined;
  if (auth && r.value(auth) === 'NONE') {
    // SAM adds a public permission for an unauthenticated function URL
    const sink = new DocSink();
    sink.span('/Statement/0', url!);
    sink.span('/Statement/0/Condition/StringEquals/lambda:FunctionUrlAuthType', auth);
    emitValue(ctx, { Version: VERSION, Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: fnArn, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } }] }, sink, url!, {
      res,
      propertyPath: 'FunctionUrlConfig',
      policyType: 'resource',
      notes: ['Lambda permission SAM creates for the function URL (AuthType NONE: anyone can invoke it)'],
    });
  }
  const dlq = pick(r, p.entries.get('DeadLetterQueue'));
  if (dlq && dlq.kind === 'map') {
    const type = str(pick(r, dlq.entries.get('Type')));
    const target = pick(r, dlq.entries.get('TargetArn'));
    if (target && (type === 'SQS' || type === 'SNS')) {
      const sink = new DocSink();
      sink.span('/Statement/0', dlq);
      const v = r.resolve(target, '/Statement/0/Resource', sink);
      emitValue(ctx, { Version: VERSION, Statement: [{ Effect: 'Allow', Action: type === 'SQS' ? 'sqs:SendMessage' : 'sns:Publish', Resource: v }] }, sink, dlq, {
        res,
        propertyPath: 'DeadLetterQueue',
        policyType: 'identity',
        attachedTo: [role],
        notes: ['policy SAM adds to the execution role for the dead-letter queue'],
      });
    }
  }
}
