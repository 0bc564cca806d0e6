/**
 * Global services: actions that AWS serves from us-east-1 (or with no Region), which a region-lock SCP must exempt
 * unless it allows us-east-1. Data only.
 *
 * Source: AWS Organizations User Guide, "Example SCPs: Deny access to AWS based on the requested AWS Region"
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region)
 * and aws-samples/service-control-policy-examples Region-controls/Deny-access-to-AWS-based-on-the-requested-AWS-region.json
 * — the NotAction list of that example, entry for entry. `critical` marks the services whose loss stops people
 * working or fixing things (sign-in, role assumption, identity, the organisation, DNS, billing access, support);
 * `breaks` says what a reviewer would notice.
 */
export interface GlobalServiceEntry {
  pattern: string;
  critical: boolean;
  breaks: string;
}

export const GLOBAL_SERVICES_SOURCE = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region';

export const GLOBAL_SERVICES: readonly GlobalServiceEntry[] = [
  { pattern: 'iam:*', critical: true, breaks: 'IAM (users, roles, policies; console sign-in checks)' },
  { pattern: 'sts:*', critical: true, breaks: 'role assumption through the global STS endpoint (sts.amazonaws.com), incl. CI/CD and cross-account roles' },
  { pattern: 'organizations:*', critical: true, breaks: 'AWS Organizations' },
  { pattern: 'route53:*', critical: true, breaks: 'Route 53 DNS' },
  { pattern: 'route53domains:*', critical: false, breaks: 'Route 53 domain registration' },
  { pattern: 'cloudfront:*', critical: true, breaks: 'CloudFront distributions' },
  { pattern: 'support:*', critical: true, breaks: 'AWS Support cases' },
  { pattern: 'budgets:*', critical: true, breaks: 'AWS Budgets' },
  { pattern: 'aws-portal:*', critical: true, breaks: 'the billing console' },
  { pattern: 'ce:*', critical: false, breaks: 'Cost Explorer' },
  { pattern: 'cur:*', critical: false, breaks: 'Cost and Usage Reports' },
  { pattern: 'waf:*', critical: true, breaks: 'AWS WAF Classic (global, CloudFront)' },
  { pattern: 'wafv2:*', critical: false, breaks: 'AWS WAF for CloudFront scopes' },
  { pattern: 'waf-regional:*', critical: false, breaks: 'AWS WAF Classic regional' },
  { pattern: 'globalaccelerator:*', critical: true, breaks: 'Global Accelerator' },
  { pattern: 'shield:*', critical: false, breaks: 'AWS Shield' },
  { pattern: 'health:*', critical: false, breaks: 'AWS Health' },
  { pattern: 'trustedadvisor:*', critical: false, breaks: 'Trusted Advisor' },
  { pattern: 'pricing:*', critical: false, breaks: 'the Price List API' },
  { pattern: 'acm:*', critical: false, breaks: 'ACM certificates for CloudFront (us-east-1)' },
  { pattern: 'kms:*', critical: false, breaks: 'KMS keys used by global services' },
  { pattern: 'config:*', critical: false, breaks: 'AWS Config global resource recording' },
  { pattern: 'directconnect:*', critical: false, breaks: 'Direct Connect gateways' },
  { pattern: 'fms:*', critical: false, breaks: 'Firewall Manager' },
  { pattern: 'networkmanager:*', critical: false, breaks: 'Network Manager' },
  { pattern: 'route53-recovery-cluster:*', critical: false, breaks: 'Route 53 ARC' },
  { pattern: 'route53-recovery-control-config:*', critical: false, breaks: 'Route 53 ARC' },
  { pattern: 'route53-recovery-readiness:*', critical: false, breaks: 'Route 53 ARC' },
  { pattern: 'aws-marketplace:*', critical: false, breaks: 'AWS Marketplace' },
  { pattern: 'aws-marketplace-management:*', critical: false, breaks: 'AWS Marketplace' },
  { pattern: 'a4b:*', critical: false, breaks: 'Alexa for Business' },
  { pattern: 'chime:*', critical: false, breaks: 'Amazon Chime' },
  { pattern: 'importexport:*', critical: false, breaks: 'Import/Export' },
  { pattern: 'mobileanalytics:*', critical: false, breaks: 'Mobile Analytics' },
  { pattern: 'wellarchitected:*', critical: false, breaks: 'the Well-Architected Tool' },
  { pattern: 'ec2:DescribeRegions', critical: false, breaks: 'listing Regions (console Region picker)' },
  { pattern: 'ec2:DescribeTransitGateways', critical: false, breaks: 'Transit Gateway listing' },
  { pattern: 'ec2:DescribeVpnGateways', critical: false, breaks: 'VPN gateway listing' },
  { pattern: 's3:GetAccountPublic*', critical: false, breaks: 'S3 account-level Block Public Access reads' },
  { pattern: 's3:PutAccountPublic*', critical: false, breaks: 'S3 account-level Block Public Access changes' },
  { pattern: 's3:ListAllMyBuckets', critical: false, breaks: 'listing buckets (S3 console)' },
  { pattern: 's3:ListMultiRegionAccessPoints', critical: false, breaks: 'Multi-Region Access Points' },
];

/** The Region global services' requests carry in aws:RequestedRegion. */
export const GLOBAL_SERVICES_REGION = 'us-east-1';
