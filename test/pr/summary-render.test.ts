/// <reference lib="dom" />
/**
 * The summary comment of a 30-file, 135-finding PR as GitHub shows it: Markdown -> HTML (marked, GFM) with GitHub's
 * Markdown styles (github-markdown-css), opened in headless Chromium (playwright-core driving the system's Debian
 * Chromium) and measured: blocking findings above the folded rest, the access diff folded below them, every fold
 * closed, each section's visible part shorter than one screen; a screenshot is written for a person to look at.
 *
 * Needs a Chromium binary (Debian: `apt-get install chromium`, /usr/bin/chromium; or CHROMIUM_PATH). CI machines
 * have only the npm registry, so there the test is skipped and says why; the same structure is asserted without a
 * browser in summary-comment.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { marked } from 'marked';
import { FakeGitHub } from '../fakes/github-server.js';
import { GitFixture } from './git-fixture.js';
import { publish } from '../../src/github/publish.js';
import { runPr, thirtyFilePr } from './summary-fixtures.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);
const hasPlaywright = (() => {
  try {
    require.resolve('playwright-core');
    return true;
  } catch {
    return false;
  }
})();
const skipReason = !existsSync(CHROMIUM)
  ? `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
  : !hasPlaywright
    ? 'playwright-core is not installed'
    : '';
const SCREEN = { width: 1012, height: 900 }; // the width of a PR conversation column on github.com

let gh: FakeGitHub;
let repo: GitFixture;
beforeAll(async () => {
  gh = new FakeGitHub();
  await gh.start();
});
afterAll(async () => gh.stop());
beforeEach(() => (repo = new GitFixture()));
afterEach(() => repo.remove());

describe.skipIf(!!skipReason)(`the summary comment in a browser${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('blocking first, the rest and the access diff folded below, no section longer than one screen', async () => {
    const r = await runPr(gh, repo, thirtyFilePr());
    await publish(r.client, r.result, r.changed, r.ctx, { maxInlineComments: 30, checkRun: false, failOn: 'security-warning', failOnExisting: false, log: () => {}, warn: () => {} });
    const body = gh.issueComments[0]!.body;
    const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css} body{margin:0} .markdown-body{box-sizing:border-box;padding:16px;width:${SCREEN.width}px}</style></head><body><article class="markdown-body">${await marked.parse(body, { gfm: true })}</article></body></html>`;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-render-'));
    writeFileSync(path.join(dir, 'comment.html'), html);

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: SCREEN });
      await page.goto(`file://${path.join(dir, 'comment.html')}`);
      const m = await page.evaluate(() => {
        const top = (el: Element | null | undefined) => (el ? el.getBoundingClientRect().top : -1);
        const byText = (sel: string, text: string) => Array.from(document.querySelectorAll(sel)).find((e) => e.textContent!.includes(text));
        const article = document.querySelector('article')!;
        // the top-level sections as the reader sees them: from one h2/h3 or top-level <details> to the next
        const blocks = Array.from(article.children).filter((e) => /^(H2|H3|DETAILS)$/.test(e.tagName));
        const sections = blocks.map((e, i) => ({ name: e.textContent!.trim().split('\n')[0]!.slice(0, 40), height: (blocks[i + 1] ? top(blocks[i + 1]) : article.getBoundingClientRect().bottom) - top(e) }));
        return {
          blocking: top(byText('h3', 'Blocking')),
          rest: top(byText('details > summary', 'Not blocking')),
          access: top(byText('details > summary', 'Access changes')),
          open: document.querySelectorAll('details[open]').length,
          folds: document.querySelectorAll('details').length,
          firstFindingVisible: (() => {
            // a closed <details> hides its content (content-visibility in current Chromium): checkVisibility says so
            const li = document.querySelector('details li');
            return !!li && li.checkVisibility();
          })(),
          pageHeight: article.getBoundingClientRect().height,
          sections,
        };
      });
      expect(m.blocking).toBeGreaterThan(0);
      expect(m.rest).toBeGreaterThan(m.blocking);
      expect(m.access).toBeGreaterThan(m.rest);
      expect(m.open).toBe(0);
      expect(m.folds).toBeGreaterThan(5);
      expect(m.firstFindingVisible).toBe(false);
      for (const s of m.sections) expect(s.height, s.name).toBeLessThan(SCREEN.height);
      // the whole comment, folded, is about two screens for 135 findings
      expect(m.pageHeight).toBeLessThan(2 * SCREEN.height);
      const shot = path.join(dir, 'comment.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      if (process.env.IAM_GATE_SCREENSHOT) writeFileSync(process.env.IAM_GATE_SCREENSHOT, readFileSync(shot));
    } finally {
      await browser.close();
    }
  }, 120_000);
});
