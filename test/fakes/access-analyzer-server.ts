/**
 * A local IAM Access Analyzer: node:http speaking restJson1 for the four policy routes, so tests and benchmarks
 * run the real `@aws-sdk/client-accessanalyzer` client against it (neither moto nor LocalStack implement them).
 *
 * - routes: POST /policy/validation, /policy/check-no-new-access, /policy/check-access-not-granted,
 *   /policy/check-no-public-access; `maxResults`/`nextToken` in the query string;
 * - request validation with the real error shapes (400 ValidationException with `reason`/`fieldList`);
 * - errors signalled with `x-amzn-ErrorType`, Retry-After on 429/500;
 * - latency, a token-bucket throttle, injected failures, scripted answers, a request log.
 * Default answers come from a tiny built-in analyser (good enough to be realistic, not AWS's logic).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export type FakeOp = 'ValidatePolicy' | 'CheckNoNewAccess' | 'CheckAccessNotGranted' | 'CheckNoPublicAccess';

const ROUTES: Record<string, FakeOp> = {
  '/policy/validation': 'ValidatePolicy',
  '/policy/check-no-new-access': 'CheckNoNewAccess',
  '/policy/check-access-not-granted': 'CheckAccessNotGranted',
  '/policy/check-no-public-access': 'CheckNoPublicAccess',
};

const POLICY_TYPES = ['IDENTITY_POLICY', 'RESOURCE_POLICY', 'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];
const CHECK_POLICY_TYPES = ['IDENTITY_POLICY', 'RESOURCE_POLICY'];
const VALIDATE_RESOURCE_TYPES = [
  'AWS::S3::Bucket',
  'AWS::S3::AccessPoint',
  'AWS::S3::MultiRegionAccessPoint',
  'AWS::S3ObjectLambda::AccessPoint',
  'AWS::IAM::AssumeRolePolicyDocument',
  'AWS::DynamoDB::Table',
];
export const FAKE_PUBLIC_RESOURCE_TYPES = [
  'AWS::DynamoDB::Table', 'AWS::DynamoDB::Stream', 'AWS::EFS::FileSystem', 'AWS::OpenSearchService::Domain',
  'AWS::Kinesis::Stream', 'AWS::Kinesis::StreamConsumer', 'AWS::KMS::Key', 'AWS::Lambda::Function', 'AWS::S3::Bucket',
  'AWS::S3::AccessPoint', 'AWS::S3Express::DirectoryBucket', 'AWS::S3::Glacier', 'AWS::S3Outposts::Bucket',
  'AWS::S3Outposts::AccessPoint', 'AWS::SecretsManager::Secret', 'AWS::SNS::Topic', 'AWS::SQS::Queue',
  'AWS::IAM::AssumeRolePolicyDocument', 'AWS::S3Tables::TableBucket', 'AWS::ApiGateway::RestApi',
  'AWS::CodeArtifact::Domain', 'AWS::Backup::BackupVault', 'AWS::CloudTrail::Dashboard',
  'AWS::CloudTrail::EventDataStore', 'AWS::S3Tables::Table', 'AWS::S3Express::AccessPoint',
];
const LOCALES = ['DE', 'EN', 'ES', 'FR', 'IT', 'JA', 'KO', 'PT_BR', 'ZH_CN', 'ZH_TW'];

export interface FakeError {
  status: number;
  type: string;
  message?: string;
  /** ValidationException reason. */
  reason?: string;
  retryAfterSeconds?: number;
}

/** Transport-level faults: the socket is destroyed, the answer never comes (for `ms`), or a raw (malformed) body. */
export type FakeRawFault =
  | { kind: 'reset' }
  | { kind: 'hang'; ms: number }
  | { kind: 'body'; status: number; body: string; headers?: Record<string, string> };

export interface LoggedRequest {
  op: FakeOp;
  query: Record<string, string>;
  body: Record<string, unknown>;
  status: number;
  at: number;
}

export type PathElement = { index: number } | { key: string } | { value: string } | { substring: { start: number; length: number } };
export interface FakeFinding {
  findingDetails: string;
  findingType: 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';
  issueCode: string;
  learnMoreLink: string;
  locations: { path: PathElement[]; span: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } } }[];
}
export interface FakeCheckResult {
  result: 'PASS' | 'FAIL';
  message?: string;
  reasons?: { description?: string; statementIndex?: number; statementId?: string }[];
}

export interface FakeSettings {
  /** Added to every response, ms. */
  latencyMs?: number;
  /** Token bucket: requests per second (undefined: no throttle) and burst size (default: one second's worth). */
  rate?: number;
  burst?: number;
  /** ValidatePolicy findings per page when the client gives no maxResults. */
  pageSize?: number;
  /** Send `Retry-After` with throttles (default true). */
  sendRetryAfter?: boolean;
}

const LEARN = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

export function fakeFinding(issueCode: string, findingType: FakeFinding['findingType'], details: string, ...paths: PathElement[][]): FakeFinding {
  const slug = issueCode.toLowerCase().replace(/_/g, '-');
  const type = findingType === 'WARNING' ? 'general-warning' : findingType.toLowerCase().replace(/_/g, '-');
  return {
    findingDetails: details,
    findingType,
    issueCode,
    learnMoreLink: `${LEARN}#access-analyzer-reference-policy-checks-${type}-${slug}`,
    locations: (paths.length ? paths : [[]]).map((path) => ({
      path,
      span: { start: { line: 1, column: 0, offset: 0 }, end: { line: 1, column: 1, offset: 1 } },
    })),
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const statements = (doc: unknown): { s: Record<string, unknown>; path: PathElement[]; index: number }[] => {
  if (!isObj(doc)) return [];
  const st = doc.Statement;
  if (Array.isArray(st)) return st.flatMap((s, index) => (isObj(s) ? [{ s, path: [{ value: 'Statement' }, { index }] as PathElement[], index }] : []));
  return isObj(st) ? [{ s: st, path: [{ value: 'Statement' }], index: 0 }] : [];
};
const glob = (pattern: string, value: string) =>
  new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i').test(value);

/** The built-in analyser: a few real checks with AWS's path convention. */
export function defaultValidate(doc: unknown, req: Record<string, unknown>): FakeFinding[] {
  const out: FakeFinding[] = [];
  if (isObj(doc) && !('Version' in doc)) out.push(fakeFinding('MISSING_VERSION', 'WARNING', 'We recommend that you specify the Version element to help you with debugging permission issues.'));
  for (const { s, path } of statements(doc)) {
    const actions = list(s.Action).filter((a): a is string => typeof a === 'string');
    actions.forEach((a, i) => {
      if (!a.includes(':') && a !== '*')
        out.push(fakeFinding('INVALID_ACTION', 'ERROR', `The action ${a} does not exist.`, [...path, { value: 'Action' }, ...(Array.isArray(s.Action) ? [{ index: i }] : [])]));
    });
    const resources = list(s.Resource);
    if (s.Effect === 'Allow' && resources.includes('*') && actions.some((a) => glob(a, 'iam:PassRole')))
      out.push(
        fakeFinding(
          'PASS_ROLE_WITH_STAR_IN_RESOURCE',
          'SECURITY_WARNING',
          'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources.',
          [...path, { value: 'Resource' }, ...(Array.isArray(s.Resource) ? [{ index: resources.indexOf('*') }] : [])],
        ),
      );
    list(s.Resource).forEach((r, i) => {
      if (typeof r === 'string' && r !== '*' && !r.startsWith('arn:') && !r.includes('${'))
        out.push(
          fakeFinding('MISSING_ARN_FIELD', 'ERROR', 'Resource ARNs must include at least 6 fields and include the following structure: arn:partition:service:region:account:resource', [
            ...path,
            { value: 'Resource' },
            ...(Array.isArray(s.Resource) ? [{ index: i }] : []),
          ]),
        );
    });
  }
  if (req.policyType === 'SERVICE_CONTROL_POLICY')
    for (const { s, path } of statements(doc))
      if ('Principal' in s) out.push(fakeFinding('SCP_SYNTAX_ERROR_PRINCIPAL', 'ERROR', 'The Principal element is not supported in SCPs.', [...path, { value: 'Principal' }]));
  return out;
}

function defaultNoNewAccess(newDoc: unknown, existing: unknown): FakeCheckResult {
  const have = new Set(statements(existing).map(({ s }) => JSON.stringify({ ...s, Sid: undefined })));
  const reasons = statements(newDoc)
    .filter(({ s }) => s.Effect === 'Allow' && !have.has(JSON.stringify({ ...s, Sid: undefined })))
    .map(({ index, s }) => ({ description: `New access in the statement with index: ${index}.`, statementIndex: index, ...(typeof s.Sid === 'string' ? { statementId: s.Sid } : {}) }));
  return reasons.length
    ? { result: 'FAIL', message: 'The modified permissions grant new access compared to your existing policy.', reasons }
    : { result: 'PASS', message: 'The policy document does not grant new access compared to your existing policy.', reasons: [] };
}

function defaultAccessNotGranted(doc: unknown, access: { actions?: string[]; resources?: string[] }[]): FakeCheckResult {
  const wanted = access[0] ?? {};
  const reasons = statements(doc)
    .filter(({ s }) => {
      if (s.Effect !== 'Allow') return false;
      const acts = list(s.Action).filter((a): a is string => typeof a === 'string');
      const res = list(s.Resource).filter((a): a is string => typeof a === 'string');
      const actionHit = !wanted.actions?.length || wanted.actions.some((w) => acts.some((a) => glob(a, w)));
      const resourceHit = !wanted.resources?.length || wanted.resources.some((w) => res.some((r) => glob(r, w) || glob(w, r)));
      return actionHit && resourceHit;
    })
    .map(({ index }) => ({ description: `One or more of the listed actions or resources in the statement with index: ${index}.`, statementIndex: index }));
  return reasons.length
    ? { result: 'FAIL', message: 'The policy document grants access to perform one or more of the listed actions or resources.', reasons }
    : { result: 'PASS', message: 'The policy document does not grant access to perform the listed actions or resources.', reasons: [] };
}

function defaultNoPublicAccess(doc: unknown, resourceType: string): FakeCheckResult {
  const reasons = statements(doc)
    .filter(({ s }) => {
      if (s.Effect !== 'Allow' || 'Condition' in s) return false;
      const p = s.Principal;
      return p === '*' || (isObj(p) && list(p.AWS).includes('*'));
    })
    .map(({ index }) => ({ description: `Public access granted in the following statement with index: ${index}.`, statementIndex: index }));
  return reasons.length
    ? { result: 'FAIL', message: `The resource policy grants public access for the given resource type ${resourceType}.`, reasons }
    : { result: 'PASS', message: `The resource policy does not grant public access for the given resource type ${resourceType}.`, reasons: [] };
}

class RequestError extends Error {
  constructor(readonly e: FakeError & { fieldList?: { name: string; message: string }[] }) {
    super(e.message);
  }
}

export class FakeAccessAnalyzer {
  readonly log: LoggedRequest[] = [];
  /** Scripted answers: return undefined to fall back to the built-in analyser. */
  validate?: (doc: unknown, req: Record<string, unknown>) => FakeFinding[] | undefined;
  checkNoNewAccess?: (newDoc: unknown, existing: unknown, req: Record<string, unknown>) => FakeCheckResult | undefined;
  checkAccessNotGranted?: (doc: unknown, req: Record<string, unknown>) => FakeCheckResult | undefined;
  checkNoPublicAccess?: (doc: unknown, req: Record<string, unknown>) => FakeCheckResult | undefined;
  settings: FakeSettings;
  private server?: http.Server;
  private readonly injected: { op?: FakeOp; error: FakeError; times: number }[] = [];
  private readonly rawFaults: { op?: FakeOp; fault: FakeRawFault; times: number }[] = [];
  private tokens: number;
  private lastRefill = Date.now();

  constructor(settings: FakeSettings = {}) {
    this.settings = settings;
    this.tokens = settings.burst ?? settings.rate ?? 0;
  }

  /** Answer the next `times` requests (of `op`, or any) with this error. */
  inject(error: FakeError, opts: { op?: FakeOp; times?: number } = {}): this {
    this.injected.push({ op: opts.op, error, times: opts.times ?? 1 });
    return this;
  }

  /** Answer the next `times` requests (of `op`, or any) at the transport level: reset the socket, hang, or a raw body. */
  injectRaw(fault: FakeRawFault, opts: { op?: FakeOp; times?: number } = {}): this {
    this.rawFaults.push({ op: opts.op, fault, times: opts.times ?? 1 });
    return this;
  }

  calls(op?: FakeOp): LoggedRequest[] {
    return this.log.filter((r) => !op || r.op === op);
  }

  resetLog(): void {
    this.log.length = 0;
  }

  /** Back to the built-in behaviour: no log, no injected errors, no scripts, no latency or throttle. */
  reset(): void {
    this.log.length = 0;
    this.injected.length = 0;
    this.rawFaults.length = 0;
    this.validate = this.checkNoNewAccess = this.checkAccessNotGranted = this.checkNoPublicAccess = undefined;
    this.settings = {};
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return this.url;
  }

  get url(): string {
    const a = this.server?.address() as AddressInfo | null;
    if (!a) throw new Error('fake Access Analyzer not started');
    return `http://127.0.0.1:${a.port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = undefined;
  }

  private takeToken(): number {
    const rate = this.settings.rate;
    if (!rate) return 0;
    const burst = this.settings.burst ?? rate;
    const now = Date.now();
    this.tokens = Math.min(burst, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return (1 - this.tokens) / rate; // seconds until the next token
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const op = ROUTES[url.pathname];
    const query = Object.fromEntries(url.searchParams);
    let body: Record<string, unknown> = {};
    const send = async (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      if (this.settings.latencyMs) await new Promise((r) => setTimeout(r, this.settings.latencyMs));
      if (op) this.log.push({ op, query, body, status, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 32), ...headers });
      res.end(JSON.stringify(payload));
    };
    const sendError = (e: FakeError & { fieldList?: unknown }) =>
      send(
        e.status,
        { message: e.message ?? e.type, ...(e.reason ? { reason: e.reason } : {}), ...(e.fieldList ? { fieldList: e.fieldList } : {}) },
        { 'x-amzn-ErrorType': e.type, ...(e.retryAfterSeconds !== undefined ? { 'Retry-After': String(e.retryAfterSeconds) } : {}) },
      );
    if (req.method !== 'POST' || !op) {
      await sendError({ status: 404, type: 'UnknownOperationException', message: `No route for ${req.method} ${url.pathname}` });
      return;
    }
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      await sendError({ status: 400, type: 'SerializationException', message: 'Request body is not JSON' });
      return;
    }
    const wait = this.takeToken();
    if (wait > 0) {
      await sendError({
        status: 429,
        type: 'ThrottlingException',
        message: 'Rate exceeded',
        ...(this.settings.sendRetryAfter === false ? {} : { retryAfterSeconds: Math.max(1, Math.ceil(wait)) }),
      });
      return;
    }
    const raw = this.rawFaults.find((i) => i.times > 0 && (!i.op || i.op === op));
    if (raw) {
      raw.times--;
      this.log.push({ op, query, body, status: raw.fault.kind === 'body' ? raw.fault.status : 0, at: Date.now() });
      if (raw.fault.kind === 'reset') req.socket.destroy();
      else if (raw.fault.kind === 'hang') setTimeout(() => req.socket.destroy(), raw.fault.ms).unref();
      else {
        res.writeHead(raw.fault.status, { 'content-type': 'application/json', 'x-amzn-requestid': 'raw-fault', ...(raw.fault.headers ?? {}) });
        res.end(raw.fault.body);
      }
      return;
    }
    const inj = this.injected.find((i) => i.times > 0 && (!i.op || i.op === op));
    if (inj) {
      inj.times--;
      await sendError(inj.error);
      return;
    }
    try {
      await send(200, this.answer(op, body, query));
    } catch (e) {
      if (e instanceof RequestError) await sendError(e.e);
      else await sendError({ status: 500, type: 'InternalServerException', message: (e as Error).message });
    }
  }

  private answer(op: FakeOp, body: Record<string, unknown>, query: Record<string, string>): unknown {
    const invalid = (name: string, message: string): never => {
      throw new RequestError({ status: 400, type: 'ValidationException', reason: 'fieldValidationFailed', message: `1 validation error detected: ${message}`, fieldList: [{ name, message }] });
    };
    const parse = (name: string): unknown => {
      const v = body[name];
      if (typeof v !== 'string') return invalid(name, `Value at '${name}' failed to satisfy constraint: Member must not be null`);
      try {
        return JSON.parse(v);
      } catch {
        throw new RequestError({ status: 400, type: 'ValidationException', reason: 'cannotParse', message: `${name} is not valid JSON` });
      }
    };
    switch (op) {
      case 'ValidatePolicy': {
        if (!POLICY_TYPES.includes(body.policyType as string)) invalid('policyType', `Value '${String(body.policyType)}' at 'policyType' failed to satisfy constraint`);
        const vrt = body.validatePolicyResourceType;
        if (vrt !== undefined && (!VALIDATE_RESOURCE_TYPES.includes(vrt as string) || body.policyType !== 'RESOURCE_POLICY'))
          invalid('validatePolicyResourceType', `Value '${String(vrt)}' at 'validatePolicyResourceType' is not valid for ${String(body.policyType)}`);
        if (body.locale !== undefined && !LOCALES.includes(body.locale as string)) invalid('locale', `Value '${String(body.locale)}' at 'locale' failed to satisfy constraint`);
        const doc = parse('policyDocument');
        const all = this.validate?.(doc, body) ?? defaultValidate(doc, body);
        const size = Number(query.maxResults) || this.settings.pageSize || 100;
        const reqHash = createHash('sha1').update(String(body.policyDocument)).digest('hex').slice(0, 8);
        let start = 0;
        if (query.nextToken) {
          const m = /^p(\d+)-([0-9a-f]{8})$/.exec(query.nextToken);
          if (!m || m[2] !== reqHash) throw new RequestError({ status: 400, type: 'ValidationException', reason: 'other', message: 'Invalid nextToken' });
          start = Number(m[1]);
        }
        const page = all.slice(start, start + size);
        return { findings: page, ...(start + size < all.length ? { nextToken: `p${start + size}-${reqHash}` } : {}) };
      }
      case 'CheckNoNewAccess': {
        if (!CHECK_POLICY_TYPES.includes(body.policyType as string)) invalid('policyType', `Value '${String(body.policyType)}' at 'policyType' failed to satisfy constraint`);
        const n = parse('newPolicyDocument');
        const e = parse('existingPolicyDocument');
        return this.checkNoNewAccess?.(n, e, body) ?? defaultNoNewAccess(n, e);
      }
      case 'CheckAccessNotGranted': {
        if (!CHECK_POLICY_TYPES.includes(body.policyType as string)) invalid('policyType', `Value '${String(body.policyType)}' at 'policyType' failed to satisfy constraint`);
        const doc = parse('policyDocument');
        const access = body.access;
        if (!Array.isArray(access) || access.length > 1) invalid('access', 'Member must have length less than or equal to 1');
        for (const a of access as { actions?: unknown[]; resources?: unknown[] }[]) {
          if ((a.actions?.length ?? 0) > 100) invalid('access.actions', 'Member must have length less than or equal to 100');
          if ((a.resources?.length ?? 0) > 100) invalid('access.resources', 'Member must have length less than or equal to 100');
          if (!a.actions?.length && !a.resources?.length)
            throw new RequestError({ status: 400, type: 'InvalidParameterException', message: 'access must list actions or resources' });
        }
        return this.checkAccessNotGranted?.(doc, body) ?? defaultAccessNotGranted(doc, access as { actions?: string[]; resources?: string[] }[]);
      }
      case 'CheckNoPublicAccess': {
        const rt = body.resourceType as string;
        if (!FAKE_PUBLIC_RESOURCE_TYPES.includes(rt)) invalid('resourceType', `Value '${String(rt)}' at 'resourceType' failed to satisfy constraint`);
        const doc = parse('policyDocument');
        return this.checkNoPublicAccess?.(doc, body) ?? defaultNoPublicAccess(doc, rt);
      }
    }
  }
}
