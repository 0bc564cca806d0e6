/**
 * A local AWS Organizations: node:http speaking the real protocol (AWS JSON 1.1: POST /, `X-Amz-Target:
 * AWSOrganizationsV20161128.<Operation>`, `Content-Type: application/x-amz-json-1.1`, SigV4-signed), so tests run
 * the real `@aws-sdk/client-organizations` client against it (moto and LocalStack do not serve RCPs).
 *
 * - the five read operations the gate uses: ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent,
 *   ListPoliciesForTarget, DescribePolicy; any other target is an UnknownOperationException;
 * - NextToken pagination (page size from MaxResults, capped by `pageSize`), an unknown token is InvalidInputException;
 * - the real error shapes (`__type`, `Message`, `x-amzn-ErrorType`): TooManyRequestsException (injected or from a
 *   token-bucket), AWSOrganizationsNotInUseException, AccessDeniedException, ParentNotFoundException,
 *   TargetNotFoundException, PolicyNotFoundException, InvalidInputException;
 * - a request log.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const ORG_OPS = ['ListRoots', 'ListOrganizationalUnitsForParent', 'ListAccountsForParent', 'ListPoliciesForTarget', 'DescribePolicy'] as const;
export type OrgOp = (typeof ORG_OPS)[number];
const PREFIX = 'AWSOrganizationsV20161128.';

export interface FakeOrgPolicy {
  id: string;
  name: string;
  type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  awsManaged?: boolean;
  content: unknown;
}
export interface FakeOrg {
  rootId: string;
  orgId: string;
  /** Policy types enabled at the root. */
  enabled: ('SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY')[];
  ous: { id: string; name: string; parent: string }[];
  accounts: { id: string; name: string; parent: string }[];
  policies: FakeOrgPolicy[];
  /** target id -> policy ids attached there. */
  attachments: Record<string, string[]>;
}

export const FULL_AWS_ACCESS_SCP: FakeOrgPolicy = {
  id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SERVICE_CONTROL_POLICY', awsManaged: true,
  content: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};
export const RCP_FULL_AWS_ACCESS: FakeOrgPolicy = {
  id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', type: 'RESOURCE_CONTROL_POLICY', awsManaged: true,
  content: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
};

export interface LoggedOrgRequest {
  op: string;
  body: Record<string, unknown>;
  status: number;
  signed: boolean;
}

export interface FakeOrgError {
  type: string;
  message?: string;
  status?: number;
}

export class FakeOrganizations {
  readonly log: LoggedOrgRequest[] = [];
  /** Largest page served (the client's MaxResults may ask for less). */
  pageSize = 20;
  /** Every call answers AWSOrganizationsNotInUseException (the account is not in an organisation). */
  notInUse = false;
  /** Operations answered with AccessDeniedException. */
  denied = new Set<string>();
  private readonly injected: { op?: string; error: FakeOrgError; times: number }[] = [];
  private server?: http.Server;

  constructor(public org: FakeOrg) {}

  /** Answer the next `times` requests (of `op`, or any) with this error. */
  inject(error: FakeOrgError, opts: { op?: OrgOp; times?: number } = {}): this {
    this.injected.push({ op: opts.op, error, times: opts.times ?? 1 });
    return this;
  }

  calls(op?: OrgOp): LoggedOrgRequest[] {
    return this.log.filter((r) => !op || r.op === op);
  }

  reset(): void {
    this.log.length = 0;
    this.injected.length = 0;
    this.denied.clear();
    this.notInUse = false;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return this.url;
  }

  get url(): string {
    const a = this.server?.address() as AddressInfo | null;
    if (!a) throw new Error('fake Organizations not started');
    return `http://127.0.0.1:${a.port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : target;
    const signed = /^AWS4-HMAC-SHA256 Credential=\S+\/\d{8}\/us-east-1\/organizations\/aws4_request/.test(String(req.headers.authorization ?? ''));
    let body: Record<string, unknown> = {};
    const send = (status: number, payload: unknown, errorType?: string) => {
      this.log.push({ op, body, status, signed });
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${this.log.length}`, ...(errorType ? { 'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazonaws.awsorganizations.v20161128/` } : {}) });
      res.end(JSON.stringify(payload));
    };
    const fail = (e: FakeOrgError) => send(e.status ?? 400, { __type: `com.amazonaws.awsorganizations.v20161128#${e.type}`, Message: e.message ?? e.type }, e.type);
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return fail({ type: 'SerializationException', message: 'body is not JSON' });
    }
    if (req.method !== 'POST' || req.url !== '/' || !target.startsWith(PREFIX)) return fail({ type: 'UnknownOperationException', message: `unknown target ${target}` });
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.1')) return fail({ type: 'SerializationException', message: 'content-type must be application/x-amz-json-1.1' });
    if (!signed) return fail({ type: 'MissingAuthenticationTokenException', message: 'request is not signed', status: 403 });
    const inj = this.injected.find((i) => i.times > 0 && (!i.op || i.op === op));
    if (inj) {
      inj.times--;
      return fail(inj.error);
    }
    if (this.notInUse) return fail({ type: 'AWSOrganizationsNotInUseException', message: "Your account is not a member of an organization." });
    if (this.denied.has(op)) return fail({ type: 'AccessDeniedException', message: `User: arn:aws:sts::111122223333:assumed-role/ci/gate is not authorized to perform: organizations:${op}` });
    const answer = this.answer(op, body);
    if ('error' in answer) return fail(answer.error);
    send(200, answer.ok);
  }

  private page<T>(op: string, key: string, items: T[], body: Record<string, unknown>, field: string): { ok: unknown } | { error: FakeOrgError } {
    const max = typeof body.MaxResults === 'number' ? Math.min(body.MaxResults, this.pageSize) : this.pageSize;
    let start = 0;
    if (body.NextToken !== undefined) {
      const m = /^([A-Za-z]+)\|(.*)\|(\d+)$/.exec(Buffer.from(String(body.NextToken), 'base64').toString('utf8'));
      if (!m || m[1] !== op || m[2] !== key) return { error: { type: 'InvalidInputException', message: 'The NextToken is not valid.' } };
      start = Number(m[3]);
    }
    const slice = items.slice(start, start + max);
    const next = start + max < items.length ? { NextToken: Buffer.from(`${op}|${key}|${start + max}`).toString('base64') } : {};
    return { ok: { [field]: slice, ...next } };
  }

  private answer(op: string, body: Record<string, unknown>): { ok: unknown } | { error: FakeOrgError } {
    const o = this.org;
    const arn = (kind: string, id: string) => `arn:aws:organizations::999988887777:${kind}/${o.orgId}/${id}`;
    const parentExists = (id: string) => id === o.rootId || o.ous.some((u) => u.id === id);
    switch (op) {
      case 'ListRoots':
        return this.page(op, '', [{ Id: o.rootId, Arn: arn('root', o.rootId), Name: 'Root', PolicyTypes: o.enabled.map((Type) => ({ Type, Status: 'ENABLED' })) }], body, 'Roots');
      case 'ListOrganizationalUnitsForParent':
      case 'ListAccountsForParent': {
        const parent = String(body.ParentId ?? '');
        if (!/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(parent)) return { error: { type: 'InvalidInputException', message: 'ParentId is invalid' } };
        if (!parentExists(parent)) return { error: { type: 'ParentNotFoundException', message: `parent ${parent} not found` } };
        if (op === 'ListAccountsForParent')
          return this.page(op, parent, o.accounts.filter((a) => a.parent === parent).map((a) => ({ Id: a.id, Arn: arn('account', a.id), Name: a.name, Email: `${a.id}@example.com`, Status: 'ACTIVE' })), body, 'Accounts');
        return this.page(op, parent, o.ous.filter((u) => u.parent === parent).map((u) => ({ Id: u.id, Arn: arn('ou', u.id), Name: u.name })), body, 'OrganizationalUnits');
      }
      case 'ListPoliciesForTarget': {
        const target = String(body.TargetId ?? '');
        const filter = String(body.Filter ?? '');
        if (!['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY'].includes(filter)) return { error: { type: 'InvalidInputException', message: 'Filter is invalid' } };
        if (!parentExists(target) && !o.accounts.some((a) => a.id === target)) return { error: { type: 'TargetNotFoundException', message: `target ${target} not found` } };
        if (!o.enabled.includes(filter as FakeOrg['enabled'][number])) return { error: { type: 'PolicyTypeNotEnabledException', message: `${filter} is not enabled` } };
        const list = (o.attachments[target] ?? []).map((id) => o.policies.find((p) => p.id === id)!).filter((p) => p.type === filter);
        return this.page(op, `${target}/${filter}`, list.map((p) => ({ Id: p.id, Arn: arn('policy', p.id), Name: p.name, Type: p.type, AwsManaged: !!p.awsManaged })), body, 'Policies');
      }
      case 'DescribePolicy': {
        const p = o.policies.find((x) => x.id === body.PolicyId);
        if (!p) return { error: { type: 'PolicyNotFoundException', message: `policy ${String(body.PolicyId)} not found` } };
        return { ok: { Policy: { PolicySummary: { Id: p.id, Arn: arn('policy', p.id), Name: p.name, Type: p.type, AwsManaged: !!p.awsManaged }, Content: JSON.stringify(p.content) } } };
      }
      default:
        return { error: { type: 'UnknownOperationException', message: `unknown operation ${op}` } };
    }
  }
}
