/**
 * A service's actions as `ActionInfo`s, each built from the service's details when first asked for (a policy naming
 * one ECS action needs not build the other 200). Objects that are equal across actions (the access-level lists, each
 * resource type with its `required` flag) are shared within the service: look-ups never modify them.
 */
import type { AccessLevel, ActionInfo, ActionResourceType, CatalogResourceType, ServiceSlice } from './types.js';
import { actionDetails } from './file-format.js';

const LEVELS: Record<string, AccessLevel> = { L: 'List', R: 'Read', W: 'Write', P: 'Permissions management', T: 'Tagging' };
/** Most specific first: "Permissions management, Write" is a permissions-management action. */
const LEVEL_PRIORITY: AccessLevel[] = ['Permissions management', 'Tagging', 'Write', 'Read', 'List'];

/** An action's access levels as the catalogue file codes them (`"PW"`), and the most specific of them. */
export function levelsFrom(levels: string): { accessLevels: AccessLevel[]; accessLevel: AccessLevel } {
  const accessLevels = [...levels].map((l) => LEVELS[l]!).filter(Boolean);
  return { accessLevels, accessLevel: LEVEL_PRIORITY.find((l) => accessLevels.includes(l)) ?? 'Write' };
}

/** Pushes `v` unless present (first occurrence order, as a Set's). */
const addOnce = (out: string[], v: string): void => {
  if (!out.includes(v)) out.push(v);
};

export class ServiceActions {
  private readonly keyName: string[];
  private readonly rtypes: CatalogResourceType[];
  private readonly withRequired = new Map<number, ActionResourceType>();
  private readonly levelsOf = new Map<string, { accessLevels: AccessLevel[]; accessLevel: AccessLevel }>();
  private readonly infos: (ActionInfo | undefined)[] = [];

  /**
   * `names`: the service's action names (the index's order); `keys`/`base`: where their `service:Name` texts are
   * (the catalogue's action list, from position `base`).
   */
  constructor(
    private readonly prefix: string,
    private readonly names: readonly string[],
    private readonly keys: readonly string[],
    private readonly base: number,
    private readonly s: ServiceSlice,
    /** The catalogue file, for the error a damaged action's details give. */
    private readonly where: string,
  ) {
    this.keyName = s.k.map((k) => k[0]);
    this.rtypes = s.r.map(([name, arns, keys]) => ({ name, arnFormats: arns ? arns.split('|') : [], conditionKeys: keys.map((i) => this.keyName[i]!) }));
  }

  /** The `n`th action of the service (its position in `names`). */
  info(n: number): ActionInfo {
    const known = this.infos[n];
    if (known) return known;
    const [levels, art, keys] = actionDetails(this.s.a[n]!, this.where);
    const name = this.names[n]!;
    let lv = this.levelsOf.get(levels);
    if (!lv) this.levelsOf.set(levels, (lv = levelsFrom(levels)));
    const resourceTypes = art.map(([i, req]) => this.resourceType(i, req));
    const conditionKeys: string[] = [];
    for (const i of keys) addOnce(conditionKeys, this.keyName[i]!);
    for (const r of resourceTypes) for (const k of r.conditionKeys) addOnce(conditionKeys, k);
    const info: ActionInfo = {
      service: this.prefix,
      name,
      key: this.keys[this.base + n]!,
      accessLevel: lv.accessLevel,
      accessLevels: lv.accessLevels,
      isWildcardOnly: resourceTypes.length === 0,
      resourceTypes,
      conditionKeys,
    };
    this.infos[n] = info;
    return info;
  }

  private resourceType(i: number, req: number): ActionResourceType {
    const id = i * 2 + (req === 1 ? 1 : 0);
    let t = this.withRequired.get(id);
    if (!t) {
      const r = this.rtypes[i]!;
      t = { name: r.name, arnFormats: r.arnFormats, conditionKeys: r.conditionKeys, required: req === 1 };
      this.withRequired.set(id, t);
    }
    return t;
  }
}
