/**
 * Offline resolution of CloudFormation intrinsic functions, with source tracking.
 *
 * `resolve(node, ptr, sink)` turns a CNode into plain JSON. Every produced value is reported to `sink` with the
 * node it came from: literals map to themselves, `Fn::If`/`Fn::Select` map to the chosen branch, other functions
 * (`Fn::Sub`, `Fn::Join`, `Ref`, ...) to the function's own node. Values that cannot be known statically become
 * well-formed stand-ins and are reported as placeholders (with the expression as written). Never throws for a
 * template problem: problems are collected in `issues`.
 *
 * Resolver is the machinery of resolver-core.ts plus the references to the template's names: Ref (parameters,
 * pseudo parameters, resources), Fn::GetAtt, Fn::Sub, Fn::FindInMap. Its vocabulary is intrinsic-model.ts.
 */
import type { CNode, CMap } from './yaml.js';
import { str, spanOf } from './yaml.js';
import { ARN_TABLE, genericArn, standInId } from './arns.js';
import { isExternalAttribute, orderFirst, scalarString, standInFor, renderExpression } from './intrinsic-values.js';
import { MAX_ALLOWED, NO_VALUE, OUTSIDE_VALUE } from './intrinsic-model.js';
import { ResolverCore, Scoped } from './resolver-core.js';

export class Resolver extends ResolverCore {
  protected findInMap(arg: CNode, node: CNode): unknown {
    const a = this.args(arg, 3, node, 'Fn::FindInMap');
    if (!a) return '';
    const keys: string[] = [];
    let def: CNode | undefined;
    const opt = a[3];
    if (opt && opt.kind === 'map') def = opt.entries.get('DefaultValue');
    let cur: CNode | undefined = this.model.mappings;
    for (const [level, kn] of a.slice(0, 3).entries()) {
      const k = this.mapKey(kn, cur, keys, def !== undefined);
      keys.push(k);
      cur = cur && cur.kind === 'map' ? cur.entries.get(k) : undefined;
    }
    if (cur) return this.value(cur);
    if (def) return this.value(def);
    const known = keys.every((k) => !k.startsWith('unresolved') && !k.startsWith('param-'));
    if (known) this.issue(node, 'cfn-invalid-template', `Fn::FindInMap: no entry ${keys.join('/')} in Mappings`);
    this.external(`Fn::FindInMap ${keys.join('/')} not found`);
    return this.worstMode ? '*' : `unresolved-mapping-${keys.join('-')}`;
  }

  /**
   * One key of `Fn::FindInMap` (the map name, or a key inside `within`): when it depends on an input a deployment
   * may change, every key present there is a possible value (the template's own first); with a `DefaultValue`
   * (LanguageExtensions), so is a key that is not there (the default is then the value).
   */
  private mapKey(node: CNode, within: CNode | undefined, path: string[], hasDefault = false): string {
    const taintBefore = this.taint;
    const unknownBefore = this.unknown.length;
    const k = scalarString(this.value(node));
    if (!within || within.kind !== 'map' || (this.taint === taintBefore && this.unknown.length === unknownBefore)) return k;
    this.taint = taintBefore;
    this.unknown.length = unknownBefore;
    const order = orderFirst([...within.entries.keys()], k);
    if (hasDefault) order.push(within.entries.has(k) ? '(a key not in the map)' : k);
    if (!order.length) return k;
    const what = renderExpression(node);
    return order[this.choose({ key: `map:${path.join('/')}:${what}`, arity: order.length, label: (i) => `${what} is ${order[i]}` })]!;
  }

  private pseudo(name: string): unknown {
    const e = this.model.env;
    if (name !== 'AWS::NoValue') this.taint++;
    switch (name) {
      case 'AWS::AccountId':
        return e.account;
      case 'AWS::Region':
        return e.region;
      case 'AWS::Partition':
        return e.partition;
      case 'AWS::URLSuffix':
        return e.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::StackName':
        this.unknown.push('stack name chosen at deploy time');
        return 'stack-name';
      case 'AWS::StackId':
        this.unknown.push('stack id assigned at deploy time');
        return `arn:${e.partition}:cloudformation:${e.region}:${e.account}:stack/stack-name/00000000-0000-0000-0000-000000000000`;
      case 'AWS::NotificationARNs':
        this.unknown.push('notification ARNs chosen at deploy time');
        return [`arn:${e.partition}:sns:${e.region}:${e.account}:stack-notifications`];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return undefined;
    }
  }

  /** Value of `Ref name` (no span handling). */
  refName(name: string, node: CNode): unknown {
    const local = this.local(name);
    if (local !== undefined) return local instanceof Scoped ? this.inScope(local, (n) => this.value(n)) : local;
    if (name.startsWith('AWS::')) {
      const v = this.pseudo(name);
      if (v !== undefined) return v;
      this.issue(node, 'cfn-invalid-template', `Ref to unknown pseudo parameter ${name}`);
      this.unknown.push(`unknown pseudo parameter ${name}`);
      return `unresolved-${name}`;
    }
    const param = this.model.parameters.get(name);
    if (param) return this.parameter(name, param);
    const res = this.model.resources.get(name);
    if (res) return this.resourceRef(name, res);
    this.issue(node, 'cfn-invalid-template', `Ref to "${name}", which is not a parameter, resource or pseudo parameter`);
    this.external(`Ref to undefined ${name}`);
    return this.worstMode ? '*' : `unresolved-${name}`;
  }

  protected ref(arg: CNode, node: CNode): unknown {
    const raw = this.value(arg);
    if (typeof raw !== 'string') {
      this.issue(node, 'cfn-invalid-template', 'Ref needs a logical id or parameter name');
      return 'unresolved-ref';
    }
    let v: string = raw;
    // Fn::ForEach identifiers inside a Ref (`!Ref ${Name}Queue`)
    if (this.locals.length && /[$&]\{/.test(v)) {
      v = v.replace(/([$&])\{([^}]+)\}/g, (m, kind: string, name: string) => {
        const l = this.local(name);
        if (l === undefined || l instanceof Scoped) return m;
        const sv = scalarString(l);
        return kind === '&' ? sv.replace(/[^A-Za-z0-9]/g, '') : sv;
      });
    }
    return this.refName(v, node);
  }

  private parameter(name: string, def: CNode): unknown {
    const type = scalarString(this.value(def.kind === 'map' ? def.entries.get('Type') : undefined));
    const isList = /^(CommaDelimitedList|List<)/.test(type) || /^AWS::SSM::Parameter::Value<List</.test(type);
    let v: unknown;
    if (Object.prototype.hasOwnProperty.call(this.model.parameterValues, name)) v = this.model.parameterValues[name];
    else {
      const allowed = def.kind === 'map' ? this.value(def.entries.get('AllowedValues')) : undefined;
      const dflt = !type.startsWith('AWS::SSM::Parameter::Value') && def.kind === 'map' && def.entries.has('Default') ? this.value(def.entries.get('Default')) : undefined;
      if (Array.isArray(allowed) && allowed.length > MAX_ALLOWED && !type.startsWith('AWS::SSM::Parameter::Value')) {
        // too many values to analyse each: any of them, so the widest
        this.external(`parameter ${name} has more than ${MAX_ALLOWED} allowed values`);
        const s = this.worstMode ? '*' : standInFor(name, 'param', this.model.env);
        return isList ? [s] : s;
      }
      if (Array.isArray(allowed) && allowed.length > 0 && !type.startsWith('AWS::SSM::Parameter::Value')) {
        // each allowed value is possible: a choice (the default first)
        const order = orderFirst(allowed.map(scalarString), dflt === undefined ? undefined : scalarString(dflt));
        v = order[this.choose({ key: `param:${name}`, arity: order.length, label: (i) => `${name} is ${order[i]}` })];
      } else if (dflt !== undefined && dflt !== null) {
        v = dflt;
        this.taint++; // the default is what the template suggests; a deployment may pass anything
      }
    }
    if (v === OUTSIDE_VALUE) {
      this.external(`parameter ${name} is passed by the parent stack from a value outside the repository`);
      const s = this.worstMode ? '*' : standInFor(name, 'param', this.model.env);
      return isList ? [s] : s;
    }
    if (v === undefined || v === null) {
      const reason = type.startsWith('AWS::SSM::Parameter::Value')
        ? `parameter ${name} is read from SSM at deploy time`
        : `parameter ${name} has no default value`;
      this.external(reason);
      const s = this.worstMode ? '*' : standInFor(name, 'param', this.model.env);
      return isList ? [s] : s;
    }
    if (isList && typeof v === 'string') return v === '' ? [] : v.split(',').map((x) => x.trim());
    if (!isList && typeof v === 'number') return String(v);
    return v;
  }

  /** Physical name of a resource, and whether it is statically known. */
  physicalName(logicalId: string, res: CMap): { name: string; known: boolean } {
    const cached = this.nameCache.get(logicalId);
    if (cached) return cached;
    const type = str(res.entries.get('Type')) ?? '';
    const row = ARN_TABLE[type];
    let out: { name: string; known: boolean } = { name: standInId(row, logicalId), known: false };
    if (row?.nameProp && !this.nameStack.has(logicalId)) {
      const prop = res.entries.get('Properties');
      const n = prop && prop.kind === 'map' ? prop.entries.get(row.nameProp) : undefined;
      if (n) {
        this.nameStack.add(logicalId);
        // the name of a resource this template creates: what it is made of does not leak into the caller (the
        // resource is one resource whatever its name), and it is never widened
        const unknownBefore = this.unknown.length;
        const worst = this.worstMode;
        this.worstMode = false;
        try {
          const r = this.valueKnown(n);
          if (typeof r.value === 'string' && r.value !== '') out = { name: r.value, known: r.known };
        } finally {
          this.nameStack.delete(logicalId);
          this.worstMode = worst;
          this.unknown.length = unknownBefore;
        }
      }
    }
    this.nameCache.set(logicalId, out);
    return out;
  }

  private iamPath(res: CMap): string {
    const prop = res.entries.get('Properties');
    const p = prop && prop.kind === 'map' ? prop.entries.get('Path') : undefined;
    const v = p ? this.value(p) : undefined;
    return typeof v === 'string' && v.startsWith('/') && v.endsWith('/') ? v : '/';
  }

  private resourceRef(logicalId: string, res: CMap): unknown {
    const type = str(res.entries.get('Type')) ?? '';
    const row = ARN_TABLE[type];
    const { name, known } = this.physicalName(logicalId, res);
    if (!known) this.unknown.push(`${logicalId} is created by this template (its ${row?.ref ?? 'id'} is assigned at deploy time)`);
    const env = { ...this.model.env, path: this.iamPath(res) };
    switch (row?.ref) {
      case 'arn':
        return row.arn(name, env);
      case 'url':
        return `https://sqs.${env.region}.amazonaws.com/${env.account}/${name}`;
      case 'name':
      case 'id':
        return name;
      default:
        return name;
    }
  }

  protected getAtt(arg: CNode, node: CNode): unknown {
    let resName: string;
    let attr: string;
    if (arg.kind === 'seq' && arg.items.length >= 2) {
      resName = scalarString(this.value(arg.items[0]));
      attr = scalarString(this.value(arg.items[1]));
    } else if (arg.kind === 'scalar' && typeof arg.value === 'string' && arg.value.includes('.')) {
      const i = arg.value.indexOf('.');
      resName = arg.value.slice(0, i);
      attr = arg.value.slice(i + 1);
    } else {
      this.issue(node, 'cfn-invalid-template', 'Fn::GetAtt needs [LogicalId, Attribute]');
      return 'unresolved-getatt';
    }
    return this.attribute(resName, attr, node);
  }

  attribute(resName: string, attr: string, node: CNode): unknown {
    const res = this.model.resources.get(resName);
    if (!res) {
      this.issue(node, 'cfn-invalid-template', `Fn::GetAtt refers to "${resName}", which is not a resource of this template`);
      this.external(`GetAtt to undefined ${resName}`);
      return this.worstMode ? '*' : `unresolved-${resName}-${attr}`;
    }
    const type = str(res.entries.get('Type')) ?? '';
    const row = ARN_TABLE[type];
    const { name, known } = this.physicalName(resName, res);
    const env = { ...this.model.env, path: this.iamPath(res) };
    const fmt = row?.attrs?.[attr];
    const reason = `${resName}.${attr} is assigned at deploy time`;
    if ((type === 'AWS::CloudFormation::Stack' || type === 'AWS::Serverless::Application') && attr.startsWith('Outputs.') && this.model.nestedOutput) {
      const out = this.model.nestedOutput(resName, attr.slice('Outputs.'.length));
      if (out?.known) return out.value;
      // the child template is in the repository: its output is a resource it creates, not an outside value
      if (out) {
        this.unknown.push(reason);
        return row ? row.arn(name, env) : genericArn(type, `${name}-${attr}`, env);
      }
    }
    if (isExternalAttribute(type, attr)) {
      // fall through to the stand-in below (a nested stack's unknown output, a custom resource's attribute)
    } else if (fmt) {
      if (!known) this.unknown.push(reason);
      return fmt(name, env);
    }
    else if (/(^|\.)Arn$/.test(attr) || attr === `${type.split('::')[2] ?? ''}Arn`) {
      if (!known) this.unknown.push(reason);
      return row ? row.arn(name, env) : genericArn(type, name, env);
    }
    else if (/Name$/.test(attr)) {
      if (!known) this.unknown.push(reason);
      return name;
    }
    // custom resources and other attributes: not knowable offline
    if (isExternalAttribute(type, attr)) {
      this.external(type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource' ? `custom resource attribute ${resName}.${attr}` : `${resName}.${attr} is an output of a stack the repository does not hold`);
      if (this.worstMode) return '*';
    } else this.unknown.push(reason);
    return standInFor(`${resName}-${attr}`, 'attr', this.model.env, /arn/i.test(attr));
  }

  protected sub(arg: CNode, node: CNode): unknown {
    let tmplNode: CNode | undefined;
    let vars: Map<string, CNode> | undefined;
    if (arg.kind === 'seq') {
      tmplNode = arg.items[0];
      const m = arg.items[1];
      if (m && m.kind === 'map') vars = m.entries;
    } else tmplNode = arg;
    const tmpl = tmplNode ? this.value(tmplNode) : undefined;
    if (typeof tmpl !== 'string') {
      this.issue(node, 'cfn-invalid-template', 'Fn::Sub needs a string');
      return '';
    }
    return tmpl.replace(/\$\{([^}]*)\}/g, (_m, inner: string) => {
      if (inner.startsWith('!')) return '${' + inner.slice(1) + '}';
      const name = inner.trim();
      if (vars?.has(name)) return scalarString(this.value(vars.get(name)));
      const local = this.local(name);
      if (local !== undefined) return scalarString(local instanceof Scoped ? this.inScope(local, (n) => this.value(n)) : local);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::') && !this.model.parameters.has(name)) {
        return scalarString(this.attribute(name.slice(0, dot), name.slice(dot + 1), node));
      }
      return scalarString(this.refName(name, node));
    });
  }
}

export { spanOf, renderExpression };
