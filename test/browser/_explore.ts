import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { createTestDatabase } from '../../src/test-support/db.js';
import { seedDemo } from '../../src/seed/demo.js';
import { buildApp } from '../../src/platform/http/app.js';
import { ROUTE_MODULES } from '../../src/routes.js';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const tdb = await createTestDatabase('sqlite');
await seedDemo(tdb.ctx, { password: 'Demo-Passw0rd!' });
const app = await buildApp(tdb.ctx, { routes: ROUTE_MODULES });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const paths = ['/', '/agencies', '/agencies/ljs', '/agencies/ljs-hxq-bjjd', '/disclosure', '/requests', '/services', '/participation', '/help', '/api/docs', '/staff/login', '/nope-404'];
for (const mode of ['', 'elder=1', 'lang=zh-Hant&elder=1']) for (const p of paths) for (const w of [1280, 360]) {
  const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: w, height: 800 } });
  const page = await ctx.newPage();
  const url = p + (mode ? `?${mode}` : '');
  const r = await page.goto(base + url);
  await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(async () => {
    const axe = (window as any).axe;
    const out = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','best-practice'] } });
    return { v: out.violations.map((v: any) => `${v.id}[${v.impact}] ${v.nodes.slice(0,2).map((n: any) => n.target.join(' ') + ' ' + n.html.slice(0,120)).join(' | ')}`), sw: document.documentElement.scrollWidth };
  });
  if (res.v.length || res.sw > w) console.log(w, url, r?.status(), 'sw=' + res.sw, '\n  ' + res.v.join('\n  '));
  await ctx.close();
}
// staff pages logged in
const ctx = await browser.newContext({ bypassCSP: true });
const page = await ctx.newPage();
await page.goto(base + '/staff/login'); await page.fill('#f-login', 'admin'); await page.fill('#f-password', 'Demo-Passw0rd!'); await page.click('form button[type=submit]');
await page.waitForURL(/\/staff$/);
const links = await page.$$eval('a[href^="/staff"]', (as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!))]);
for (const l of links.slice(0, 15)) {
  const r = await page.goto(base + l); await page.addScriptTag({ path: AXE });
  const v = await page.evaluate(async () => (await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa'] } })).violations.map((v: any) => `${v.id}[${v.impact}] ${v.nodes.slice(0,2).map((n: any) => n.target.join(' ') + ' ' + n.html.slice(0,120)).join(' | ')}`));
  if (v.length) console.log('staff', l, r?.status(), v);
}
console.log('staff links checked:', links.length, links.join(' '));
await browser.close(); await app.close(); await tdb.drop();
