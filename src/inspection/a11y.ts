/**
 * `--a11y`: axe-core (WCAG 2.1 A and AA rules) in Debian's Chromium on a sample of the crawled
 * pages — the homepage, then the columns, then other pages — each violation a finding with the
 * rule, its help text and how many elements fail it. Chromium runs headless without network
 * access beyond the page's own site; the browser is never downloaded (playwright-core only).
 */
import { createRequire } from 'node:module';
import type * as Axe from 'axe-core';
import { chromium } from 'playwright-core';
import type { Finding } from './model.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The pages to check: the homepage first, then columns, then the rest, at most `size`. */
export function a11ySample(homepage: string | null, columns: readonly string[], pages: readonly string[], size: number): string[] {
  const out: string[] = [];
  for (const u of [...(homepage ? [homepage] : []), ...columns, ...pages]) {
    if (out.length >= size) break;
    if (!out.includes(u)) out.push(u);
  }
  return out;
}

export async function axeFindings(urls: readonly string[], homepage: string | null, timeoutMs: number): Promise<Finding[]> {
  if (urls.length === 0) return [];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const findings: Finding[] = [];
  try {
    const context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
    for (const url of urls) {
      const page = await context.newPage();
      try {
        await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
        await page.addScriptTag({ path: AXE_PATH });
        const violations = await page.evaluate(async (tags) => {
          const { axe } = window as unknown as { axe: typeof Axe };
          const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
          return r.violations.map((v) => ({ id: v.id, help: v.help, impact: v.impact ?? null, nodes: v.nodes.length }));
        }, AXE_TAGS);
        for (const v of violations) {
          findings.push({ kind: 'axe-violation', url, foundOn: null, status: null, detail: `${v.id}（${v.impact ?? '—'}）：${v.help}，${v.nodes} 处`, onHomepage: url === homepage });
        }
      } catch (e) {
        findings.push({ kind: 'axe-violation', url, foundOn: null, status: null, detail: `无法完成无障碍检测 / axe could not run: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, onHomepage: url === homepage });
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  return findings;
}
