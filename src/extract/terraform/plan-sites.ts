/**
 * Where the records of a Terraform plan point: the resource's block in the repository's `.tf` files when they are
 * there (plan-blocks.ts; a .tf file that does not parse gives no block, so the plan line), the policy JSON file a `file()` call reads, else the resource's line in the plan file.
 * Records the repository files it reads (the plan's dependencies).
 */
import path from 'node:path';
import type { Span } from '../../policy/types.js';
import { lineSpan } from '../../policy/source-map.js';
import type { ExtractInput } from '../types.js';
import { parseWithPositions } from '../../text/positions.js';
import type { Parsed } from '../../text/positions.js';
import { parseAddress } from './address.js';
import type { ParsedAddress } from './address.js';
import { ancestors, blockSpan, blockSuppressions, documentSpans, fileArgument, listTemplates, moduleDir, TfSources } from './plan-blocks.js';
import type { TfBlock } from './plan-blocks.js';
import type { Site } from './records.js';
import { AddressFinder, planAddressKey } from './plan-text.js';
import type { PlanReader } from './plan-reader.js';

export class PlanSites {
  /** Repository files the records point into (.tf sources, policy JSON files read by file()). */
  readonly dependencies = new Set<string>();
  /** Positions of resource addresses in the plan text: only needed when a record has no .tf source. */
  private readonly planLines: AddressFinder;
  private readonly sources: TfSources;
  private readonly rootDir: string | undefined;
  private readonly planSites = new Map<string, Site>();

  constructor(
    private readonly input: ExtractInput,
    private readonly reader: PlanReader,
  ) {
    this.planLines = new AddressFinder(input.text);
    this.sources = new TfSources(input.readRepoFile, input.listRepoFiles);
    const planDir = path.posix.dirname(input.repoPath) === '.' ? '' : path.posix.dirname(input.repoPath);
    this.rootDir = findRootDir(reader, this.sources, planDir);
    reader.templates = (p, segs) => {
      const b = this.blockOf({ parsed: p });
      return b ? listTemplates(b, segs) : undefined;
    };
  }

  /** The directory of the module instance path `names` (module call names from the root), when local. */
  dirOf(names: string[]): string | undefined {
    let d: string | undefined = this.rootDir;
    for (let i = 0; i < names.length && d !== undefined; i++) d = moduleDir(d, this.reader.moduleSource(names.slice(0, i + 1)));
    return d;
  }

  blockOf(r: { parsed: ParsedAddress }): TfBlock | undefined {
    const d = this.dirOf(r.parsed.modules);
    const b = d === undefined ? undefined : this.sources.find(d, r.parsed.mode, r.parsed.type, r.parsed.name);
    if (b) this.dependencies.add(b.file);
    return b;
  }

  blockOfAddress(address: string): TfBlock | undefined {
    const p = parseAddress(address);
    return p ? this.blockOf({ parsed: p }) : undefined;
  }

  /** The address's line in the plan file (the instance's, else the resource's), 1 when not found. */
  private planAt(address: string): { line: number; column: number } {
    return this.planLines.get(planAddressKey(address)) ?? this.planLines.get(planAddressKey(address.replace(/\[[^\]]*\]$/, ''))) ?? { line: 1, column: 1 };
  }

  planSite(address: string): Site {
    const hit = this.planSites.get(address);
    if (hit) return hit;
    const at = this.planAt(address);
    const site: Site = { file: this.input.file, span: lineSpan(this.input.file, at.line, at.column) };
    this.planSites.set(address, site);
    return site;
  }

  /** The plan line of a record without a `.tf` block; noted when `.tf` files where its block may be do not parse. */
  private fallbackSite(r: { parsed: ParsedAddress; address: string }): Site {
    const site = this.planSite(r.address);
    const d = this.dirOf(r.parsed.modules);
    // the module's directory; with no root directory found, every directory searched for it
    const unparsed = d !== undefined ? this.sources.unparsedIn(d) : this.rootDir === undefined ? this.sources.unparsedIn(undefined) : [];
    if (unparsed.length === 0) return site;
    return { ...site, note: `${unparsed.join(', ')} could not be parsed as HCL: positions are this resource's line in the plan file` };
  }

  /** Where an error about `address` is reported: its block's header, else its line in the plan. */
  errorLocation(address: string): { file: string; line: number } {
    const b = this.blockOfAddress(address);
    return b ? { file: this.input.displayPath(b.file), line: b.startLine } : { file: this.input.file, line: this.planAt(address).line };
  }

  /** The whole block of a resource (no finer spans), else its plan line. */
  blockSite(r: { parsed: ParsedAddress; address: string }): Site {
    const b = this.blockOf(r);
    if (!b) return this.fallbackSite(r);
    const display = this.input.displayPath(b.file);
    return { file: display, span: blockSpan(b, display) };
  }

  /** A document written in the block of data source `r` (aws_iam_policy_document). */
  dataSourceSite(r: { parsed: ParsedAddress; address: string }, document: unknown): Site {
    const b = this.blockOf(r);
    if (!b) return this.fallbackSite(r);
    const display = this.input.displayPath(b.file);
    return { file: display, span: blockSpan(b, display), spans: documentSpans(b, display, undefined, document), suppressions: blockSuppressions(b, display) };
  }

  /**
   * A resource's policy attribute (or the resource when `attribute` is undefined); `docBlock` is the data source
   * block where the document is written when it comes from one.
   */
  siteFor(r: { parsed: ParsedAddress; address: string }, attribute: string | undefined, document: unknown, docBlock?: TfBlock): Site {
    const b = this.blockOf(r);
    if (!b) return this.fallbackSite(r);
    const display = this.input.displayPath(b.file);
    const spans = new Map<string, Span>();
    if (docBlock) {
      // the document is written in a data source block: statements there, the root on the attribute
      const ds = documentSpans(docBlock, this.input.displayPath(docBlock.file), undefined, document);
      for (const [k, v] of ds) if (k !== '') spans.set(k, v);
      const own = documentSpans(b, display, attribute, undefined);
      spans.set('', own.get('') ?? blockSpan(b, display));
    } else {
      const fileSite = attribute ? this.policyFileSite(b, attribute, this.dirOf(r.parsed.modules)) : undefined;
      if (fileSite) return { ...fileSite, suppressions: blockSuppressions(b, display) };
      for (const [k, v] of documentSpans(b, display, attribute, document)) spans.set(k, v);
    }
    return { file: display, span: blockSpan(b, display), spans, suppressions: blockSuppressions(b, display) };
  }

  /** `policy = file("${path.module}/policies/x.json")` (or templatefile): the statements' lines in that JSON file. */
  private policyFileSite(b: TfBlock, attribute: string, moduleDir: string | undefined): Site | undefined {
    const rootDir = this.rootDir;
    const written = fileArgument(b, attribute);
    if (!written || rootDir === undefined) return undefined;
    const pm = /^\$\{path\.(module|root|cwd)\}\/?/.exec(written);
    // file() paths are relative to the directory Terraform runs in (the root module), path.module to the module
    const baseDir = pm ? (pm[1] === 'module' ? (moduleDir ?? rootDir) : rootDir) : rootDir;
    const rest = pm ? written.slice(pm[0].length) : written;
    if (rest.includes('${') || rest.startsWith('/')) return undefined;
    const target = path.posix.normalize(path.posix.join(baseDir || '.', rest));
    if (target.startsWith('..') || path.posix.isAbsolute(target)) return undefined;
    let parsed: Parsed;
    try {
      parsed = parseWithPositions(this.input.readRepoFile(target), target);
    } catch {
      return undefined;
    }
    const display = this.input.displayPath(target);
    this.dependencies.add(target);
    const spans = new Map<string, Span>();
    for (const [k, v] of parsed.spans) spans.set(k, { ...v, file: display });
    const root = spans.get('') ?? lineSpan(display, 1);
    return { file: display, span: root, spans };
  }
}

/** The directory holding the root module's `.tf` files: the plan's directory or one above it. */
function findRootDir(reader: PlanReader, sources: TfSources, planDir: string): string | undefined {
  const rootResources = reader.all().filter((r) => r.parsed.modules.length === 0);
  const anyResources = reader.all();
  for (const dir of ancestors(planDir)) {
    const blocks = sources.blocksIn(dir);
    if (blocks.length === 0) continue;
    const probe = rootResources.length > 0 ? rootResources : anyResources;
    if (probe.some((r) => blocks.some((b) => b.mode === r.parsed.mode && b.type === r.parsed.type && b.name === r.parsed.name))) return dir;
  }
  return undefined;
}
