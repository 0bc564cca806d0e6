/// <reference lib="dom" />
/**
 * A summary comment as GitHub shows it: Markdown -> HTML (marked, GFM) with GitHub's Markdown styles
 * (github-markdown-css), opened in headless Chromium (playwright-core driving the system's Chromium) and measured.
 * Without a Chromium (`browserSkipReason` says why) the same order and folding is read from the HTML itself.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { marked } from 'marked';

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
/** Why no browser check can run here ('' when it can). */
export const browserSkipReason = !existsSync(CHROMIUM)
  ? `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
  : !hasPlaywright
    ? 'playwright-core is not installed'
    : '';
/** The width of a PR conversation column on github.com, and one screen's height. */
export const SCREEN = { width: 1012, height: 900 };

/** The comment body as a standalone HTML page with GitHub's Markdown styles. */
export async function commentHtml(body: string): Promise<string> {
  const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css} body{margin:0} .markdown-body{box-sizing:border-box;padding:16px;width:${SCREEN.width}px}</style></head><body><article class="markdown-body">${await marked.parse(body, { gfm: true })}</article></body></html>`;
}

/** Order and folding read from the HTML (no browser): offsets of the three parts, folds, open folds. */
export function htmlStructure(html: string): { blocking: number; rest: number; access: number; folds: number; open: number } {
  return {
    blocking: html.search(/<h3[^>]*>[^<]*Blocking/),
    rest: html.search(/<summary>[^]*?Not blocking/),
    access: html.search(/<summary><b>Access changes/),
    folds: (html.match(/<details[\s>]/g) ?? []).length,
    open: (html.match(/<details[^>]*\sopen[\s>=]/g) ?? []).length,
  };
}

export interface Measured {
  blocking: number;
  rest: number;
  access: number;
  open: number;
  folds: number;
  firstFindingVisible: boolean;
  pageHeight: number;
  sections: { name: string; height: number }[];
  /** The full-page screenshot (PNG) of the folded comment. */
  screenshot: string;
}

/** The comment rendered in headless Chromium: where each part is, what is folded, each section's height. */
export async function measureInBrowser(html: string): Promise<Measured> {
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
      // a closed <details> hides its content: checkVisibility says so
      const li = document.querySelector('details li');
      return {
        blocking: top(byText('h3', 'Blocking')),
        rest: top(byText('details > summary', 'Not blocking')),
        access: top(byText('details > summary', 'Access changes')),
        open: document.querySelectorAll('details[open]').length,
        folds: document.querySelectorAll('details').length,
        firstFindingVisible: !!li && li.checkVisibility(),
        pageHeight: article.getBoundingClientRect().height,
        sections,
      };
    });
    const screenshot = path.join(dir, 'comment.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    if (process.env.IAM_GATE_SCREENSHOT) writeFileSync(process.env.IAM_GATE_SCREENSHOT, readFileSync(screenshot));
    return { ...m, screenshot };
  } finally {
    await browser.close();
  }
}
