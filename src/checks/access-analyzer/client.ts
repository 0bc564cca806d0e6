/**
 * The edge: the AWS SDK client, its credentials and endpoint. Everything else in this folder talks to the small
 * `AaApi` interface, so the core stays testable against a local fake with the real client.
 */
import type { AccessAnalyzerClient, CheckAccessNotGrantedCommand, CheckNoNewAccessCommand, ValidatePolicyCommand } from '@aws-sdk/client-accessanalyzer';
import type { PathElement } from './locations.js';

export interface AaLocation {
  path?: PathElement[];
  span?: { start?: { line?: number; column?: number; offset?: number }; end?: { line?: number; column?: number; offset?: number } };
}

export interface AaValidateFinding {
  findingDetails?: string;
  findingType?: string;
  issueCode?: string;
  learnMoreLink?: string;
  locations?: AaLocation[];
}

export interface ValidatePolicyRequest {
  policyDocument: string;
  policyType: string;
  validatePolicyResourceType?: string;
  locale?: string;
  nextToken?: string;
  maxResults?: number;
}
export interface ValidatePolicyPage {
  findings: AaValidateFinding[];
  nextToken?: string;
}

export interface ReasonSummary {
  description?: string;
  statementIndex?: number;
  statementId?: string;
}
export interface CheckResponse {
  result?: string;
  message?: string;
  reasons?: ReasonSummary[];
}
export interface CheckNoNewAccessRequest {
  newPolicyDocument: string;
  existingPolicyDocument: string;
  policyType: string;
}
export interface CheckAccessNotGrantedRequest {
  policyDocument: string;
  access: { actions?: string[]; resources?: string[] }[];
  policyType: string;
}
export interface CheckNoPublicAccessRequest {
  policyDocument: string;
  resourceType: string;
}

/** The four operations, as plain async functions. */
export interface AaApi {
  validatePolicy(req: ValidatePolicyRequest): Promise<ValidatePolicyPage>;
  checkNoNewAccess(req: CheckNoNewAccessRequest): Promise<CheckResponse>;
  checkAccessNotGranted(req: CheckAccessNotGrantedRequest): Promise<CheckResponse>;
  checkNoPublicAccess(req: CheckNoPublicAccessRequest): Promise<CheckResponse>;
}

export interface ClientSettings {
  region: string;
  /** Endpoint override (tests, self-hosted proxies). */
  endpoint?: string;
  /** Explicit credentials (tests); the standard chain otherwise. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Per-request timeout, ms. */
  requestTimeoutMs?: number;
}

/** Region: config, then the environment (as configure-aws-credentials sets it), then the options' region. */
export function resolveRegion(configured: string | undefined, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  return configured || env.AWS_REGION || env.AWS_DEFAULT_REGION || fallback;
}

type Sdk = typeof import('@aws-sdk/client-accessanalyzer');
let sdk: Promise<Sdk> | undefined;
/**
 * The SDK, evaluated on first use: a run with Access Analyzer off never pays for it (about 25 ms of start-up).
 * `eager`: bundled into the one file, not a separate chunk.
 */
const loadSdk = (): Promise<Sdk> => (sdk ??= import(/* webpackMode: "eager" */ '@aws-sdk/client-accessanalyzer'));

export async function createSdkClient(s: ClientSettings): Promise<AccessAnalyzerClient> {
  const { AccessAnalyzerClient } = await loadSdk();
  return new AccessAnalyzerClient({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    // our scheduler retries (honouring Retry-After, with jitter and a shared backoff); the SDK must not retry too
    maxAttempts: 1,
    // requestTimeout alone only logs a warning in @smithy/node-http-handler 4.x: a hung endpoint must end the call
    requestHandler: { requestTimeout: s.requestTimeoutMs ?? 30_000, throwOnRequestTimeout: true, socketTimeout: s.requestTimeoutMs ?? 30_000, connectionTimeout: 5_000 },
  });
}

/** A malformed answer (findings not a list of findings) is an error, never "no findings". */
function wellFormedFindings(findings: unknown): AaValidateFinding[] {
  if (findings === undefined) return [];
  const ok = (f: unknown): boolean =>
    typeof f === 'object' && f !== null && typeof (f as { issueCode?: unknown }).issueCode === 'string' && typeof (f as { findingType?: unknown }).findingType === 'string';
  if (!Array.isArray(findings) || !findings.every(ok)) throw new Error('ValidatePolicy returned a malformed answer (findings is not a list of findings)');
  return findings as AaValidateFinding[];
}

/** The four operations over the SDK client (created, with the SDK loaded, by the first call). */
export function createAaApi(s: ClientSettings): AaApi {
  let made: Promise<{ client: AccessAnalyzerClient; m: Sdk }> | undefined;
  const sdkClient = () => (made ??= Promise.all([createSdkClient(s), loadSdk()]).then(([client, m]) => ({ client, m })));
  return {
    async validatePolicy(req) {
      const { client, m } = await sdkClient();
      const out = await client.send(new m.ValidatePolicyCommand(req as ConstructorParameters<typeof ValidatePolicyCommand>[0]));
      return { findings: wellFormedFindings(out.findings), ...(out.nextToken ? { nextToken: out.nextToken } : {}) };
    },
    async checkNoNewAccess(req) {
      const { client, m } = await sdkClient();
      const out = await client.send(new m.CheckNoNewAccessCommand(req as ConstructorParameters<typeof CheckNoNewAccessCommand>[0]));
      return { result: out.result, message: out.message, reasons: out.reasons };
    },
    async checkAccessNotGranted(req) {
      const { client, m } = await sdkClient();
      const out = await client.send(new m.CheckAccessNotGrantedCommand(req as ConstructorParameters<typeof CheckAccessNotGrantedCommand>[0]));
      return { result: out.result, message: out.message, reasons: out.reasons };
    },
    async checkNoPublicAccess(req) {
      const { client, m } = await sdkClient();
      const out = await client.send(new m.CheckNoPublicAccessCommand(req as ConstructorParameters<Sdk['CheckNoPublicAccessCommand']>[0]));
      return { result: out.result, message: out.message, reasons: out.reasons };
    },
  };
}

/**
 * Do credentials resolve through the standard chain (environment, shared profile, web identity token as set by
 * aws-actions/configure-aws-credentials, container/instance metadata)? Bounded in time; never throws.
 */
export async function detectCredentials(s: ClientSettings, timeoutMs = 5_000): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (s.credentials) return { ok: true };
  let client: AccessAnalyzerClient | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    client = await createSdkClient(s);
    const creds = await Promise.race([
      client.config.credentials(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no credentials within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    if (!creds?.accessKeyId) return { ok: false, reason: 'the credential chain returned no access key' };
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: ((e as Error).message || String(e)).split('\n')[0]! };
  } finally {
    if (timer) clearTimeout(timer);
    client?.destroy();
  }
}
