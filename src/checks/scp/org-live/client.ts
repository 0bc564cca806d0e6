/**
 * The edge to AWS Organizations: the official SDK client and the five read operations the live organisation needs,
 * as plain async functions (one page each), so the reader stays testable against the local fake with the real client.
 */
import type { OrganizationsClient } from '@aws-sdk/client-organizations';

type Sdk = typeof import('@aws-sdk/client-organizations');
let sdk: Promise<Sdk> | undefined;
/** The SDK, evaluated on first use (most runs read no live organisation); `eager`: bundled, not a separate chunk. */
const loadSdk = (): Promise<Sdk> => (sdk ??= import(/* webpackMode: "eager" */ '@aws-sdk/client-organizations'));

export type OrgPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}
export interface RootSummary {
  id: string;
  arn: string;
  /** Policy types enabled at the root (only those are read). */
  enabledTypes: string[];
}
export interface ChildSummary {
  id: string;
  name?: string;
}
export interface PolicySummaryLite {
  id: string;
  name: string;
  awsManaged: boolean;
}

/** The operations, one page per call (the reader paginates, counts and retries). */
export interface OrgApi {
  listRoots(nextToken?: string): Promise<Page<RootSummary>>;
  listOrganizationalUnitsForParent(parentId: string, nextToken?: string): Promise<Page<ChildSummary>>;
  listAccountsForParent(parentId: string, nextToken?: string): Promise<Page<ChildSummary>>;
  listPoliciesForTarget(targetId: string, filter: OrgPolicyType, nextToken?: string): Promise<Page<PolicySummaryLite>>;
  /** The policy document as stored (a JSON string). */
  describePolicy(policyId: string): Promise<{ id: string; name: string; content: string }>;
}

export interface OrgClientSettings {
  /** Organizations is a global service served from us-east-1 (aws partition). */
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  requestTimeoutMs?: number;
}

async function createClient(s: OrgClientSettings): Promise<{ client: OrganizationsClient; m: Sdk }> {
  const m = await loadSdk();
  const client = new m.OrganizationsClient({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    // the reader retries throttles through the shared scheduler (bounded); the SDK must not multiply the calls
    maxAttempts: 1,
    requestHandler: { requestTimeout: s.requestTimeoutMs ?? 15_000, throwOnRequestTimeout: true, socketTimeout: s.requestTimeoutMs ?? 15_000, connectionTimeout: 5_000 },
  });
  return { client, m };
}

/** The operations over the SDK client (created, with the SDK loaded, by the first call). */
export function createOrgApi(s: OrgClientSettings): OrgApi & { destroy(): void } {
  let made: Promise<{ client: OrganizationsClient; m: Sdk }> | undefined;
  let destroyed = false;
  const sdkClient = () => (made ??= createClient(s));
  const token = (t: string | undefined) => (t ? { NextToken: t } : {});
  const next = (t: string | undefined) => (t ? { nextToken: t } : {});
  return {
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      void made?.then(({ client }) => client.destroy(), () => undefined);
    },
    async listRoots(nextToken) {
      const { client, m } = await sdkClient();
      const out = await client.send(new m.ListRootsCommand({ ...token(nextToken) }));
      const items = (out.Roots ?? []).map((r) => ({
        id: String(r.Id ?? ''),
        arn: String(r.Arn ?? ''),
        enabledTypes: (r.PolicyTypes ?? []).filter((p) => p.Status === 'ENABLED').map((p) => String(p.Type)),
      }));
      return { items, ...next(out.NextToken) };
    },
    async listOrganizationalUnitsForParent(parentId, nextToken) {
      const { client, m } = await sdkClient();
      const out = await client.send(new m.ListOrganizationalUnitsForParentCommand({ ParentId: parentId, ...token(nextToken) }));
      return { items: (out.OrganizationalUnits ?? []).map((o) => ({ id: String(o.Id ?? ''), ...(o.Name ? { name: o.Name } : {}) })), ...next(out.NextToken) };
    },
    async listAccountsForParent(parentId, nextToken) {
      const { client, m } = await sdkClient();
      const out = await client.send(new m.ListAccountsForParentCommand({ ParentId: parentId, ...token(nextToken) }));
      return { items: (out.Accounts ?? []).map((a) => ({ id: String(a.Id ?? ''), ...(a.Name ? { name: a.Name } : {}) })), ...next(out.NextToken) };
    },
    async listPoliciesForTarget(targetId, filter, nextToken) {
      const { client, m } = await sdkClient();
      const out = await client.send(new m.ListPoliciesForTargetCommand({ TargetId: targetId, Filter: filter, ...token(nextToken) }));
      return { items: (out.Policies ?? []).map((p) => ({ id: String(p.Id ?? ''), name: String(p.Name ?? p.Id ?? ''), awsManaged: p.AwsManaged === true })), ...next(out.NextToken) };
    },
    async describePolicy(policyId) {
      const { client, m } = await sdkClient();
      const out = await client.send(new m.DescribePolicyCommand({ PolicyId: policyId }));
      const p = out.Policy;
      if (!p || typeof p.Content !== 'string') throw new Error(`DescribePolicy ${policyId} returned no policy content`);
      return { id: String(p.PolicySummary?.Id ?? policyId), name: String(p.PolicySummary?.Name ?? policyId), content: p.Content };
    },
  };
}
