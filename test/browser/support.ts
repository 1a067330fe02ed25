/// <reference lib="dom" />
// Shared by the browser suites: the demo app on a random port, Debian's Chromium, and axe-core.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import type * as Axe from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Engine } from '../../src/platform/db/database.js';
import { buildApp } from '../../src/platform/http/app.js';
import { ROUTE_MODULES } from '../../src/routes.js';
import { seedDemo } from '../../src/seed/demo.js';
import { createTestDatabase, skipReason, type TestDatabase } from '../../src/test-support/db.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Demo-Passw0rd!';
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Why a browser suite is skipped, or false. Under CI=true a missing Chromium fails instead (in launch). */
export function chromiumMissing(): string | false {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return false;
  return `Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
}

/** Debian's Chromium, headless, never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is required under CI=true but ${CHROMIUM} does not exist`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export interface DemoApp {
  readonly tdb: TestDatabase;
  readonly app: FastifyInstance;
  readonly baseURL: string;
  close(): Promise<void>;
}

/** The real app with the demo city seeded, on a fresh database of the engine, on a random port. */
export async function startDemoApp(engine: Engine): Promise<DemoApp> {
  const tdb = await createTestDatabase(engine);
  await seedDemo(tdb.ctx, { password: DEMO_PASSWORD });
  const app = await buildApp(tdb.ctx, { routes: ROUTE_MODULES });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    tdb,
    app,
    baseURL: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

/** Why a browser suite for this engine is skipped, or false. Under CI=true a missing Chromium fails in before(). */
export async function browserSuiteSkip(engine: Engine): Promise<string | false> {
  return chromiumMissing() || skipReason(engine);
}

/** What a browser suite on the demo city works with; the suite's before() hook fills the fields. */
export interface DemoBrowser {
  demo: DemoApp;
  browser: Browser;
}

/**
 * Registers a browser suite's hooks (call it inside the describe, whose skip is browserSuiteSkip):
 * before() starts the demo app on a fresh database of `engine` and then Chromium, after() closes
 * whichever of them started. Returns the object before() fills: read its fields in tests and hooks,
 * not while the suite is being declared.
 */
export function useDemoBrowser(engine: Engine): DemoBrowser {
  const suite: Partial<DemoBrowser> = {};
  before(async () => {
    suite.demo = await startDemoApp(engine);
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.demo?.close();
  });
  return suite as DemoBrowser;
}

/** Clicks a submit button and returns the status of the page the browser lands on (after redirects). */
export async function submitAndWait(page: Page, selector: string): Promise<number | undefined> {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response?.status();
}

/**
 * Runs `fn` in a fresh browser context (own cookies) on the demo app, signed in through the real
 * login form as `login` unless null, and closes the context afterwards.
 */
export async function asUser<T>(browser: Browser, demo: DemoApp, login: string | null, fn: (page: Page) => Promise<T>, options: BrowserContextOptions = {}): Promise<T> {
  const context = await browser.newContext({ baseURL: demo.baseURL, locale: 'zh-CN', ...options });
  try {
    const page = await context.newPage();
    if (login) {
      await open(page, '/staff/login');
      await page.fill('#f-login', login);
      await page.fill('#f-password', DEMO_PASSWORD);
      await Promise.all([page.waitForURL(`${demo.baseURL}/staff`), page.click('main form button[type="submit"]')]);
    }
    return await fn(page);
  } finally {
    await context.close();
  }
}

/** Opens `path` and asserts a 200 answer. */
export async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  assert.equal(response?.status(), 200, `GET ${path} answered ${response?.status()}`);
}

/** Asserts the page does not scroll sideways at its width, naming the elements that stick out. */
export async function assertFitsWidth(page: Page, width: number, label: string): Promise<void> {
  const { scrollWidth, wide } = await page.evaluate((limit) => ({
    scrollWidth: document.documentElement.scrollWidth,
    wide: Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (right=${Math.round(el.getBoundingClientRect().right)})`),
  }), width);
  assert.ok(scrollWidth <= width, `${label}: scrollWidth ${scrollWidth} > ${width}; widest: ${wide.join(', ')}`);
}

interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** Injects axe-core (the page's context needs bypassCSP) and returns the WCAG 2.1 A/AA violations. */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof Axe };
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary ?? '' })),
    }));
  }, AXE_TAGS);
}

/** Asserts no axe violations, listing each one (rule, impact, help, first nodes) so it can be fixed. */
export async function assertNoViolations(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  const lines = violations.flatMap((v) => [
    `- ${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.helpUrl}) — ${v.nodes.length} node(s)`,
    ...v.nodes.slice(0, 3).map((n) => `    at ${n.target}: ${n.html.slice(0, 200)}\n      ${n.summary.replace(/\n/g, '\n      ')}`),
  ]);
  assert.equal(violations.length, 0, `${violations.length} accessibility violation(s) on ${label} (${page.url()}):\n${lines.join('\n')}`);
}

/**
 * axe-core needs JavaScript, the journeys run without: the page as the no-JS browser got it is
 * loaded into a JavaScript-enabled page of the same origin (so its stylesheet applies) and checked.
 */
export async function assertNoJsPageAccessible(browser: Browser, demo: DemoApp, page: Page, label: string): Promise<void> {
  const html = await page.content();
  const context = await browser.newContext({ baseURL: demo.baseURL, locale: 'zh-CN', bypassCSP: true, viewport: page.viewportSize() ?? { width: 1280, height: 800 } });
  try {
    const checker = await context.newPage();
    await checker.goto('/healthz');
    await checker.setContent(html, { waitUntil: 'load' });
    await assertNoViolations(checker, label);
  } finally {
    await context.close();
  }
}
