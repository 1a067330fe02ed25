/**
 * The benchmark's fixture website (deterministic from a seed): a homepage, top columns with
 * sub-columns, and article pages in them, with broken links, missing images and slow pages
 * planted at random places and recorded in a manifest. Served on 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from '../src/platform/random.js';

export interface Planted {
  /** target path → the pages (paths) that link to it */
  readonly brokenLinks: Map<string, Set<string>>;
  readonly missingImages: Map<string, Set<string>>;
  readonly slowPages: Set<string>;
}

export interface BenchSite {
  readonly url: string;
  readonly pages: number;
  readonly planted: Planted;
  close(): Promise<void>;
}

const TOPICS = ['工作动态', '通知公告', '政策文件', '政策解读', '人事信息', '规划计划', '财政信息', '办事服务', '互动交流', '专题专栏'];
const WORDS = ['关于', '进一步', '加强', '全市', '工作', '推进', '实施', '方案', '通知', '意见', '开展', '专项', '检查', '会议', '召开', '部署', '落实', '年度', '重点', '项目', '建设', '管理', '服务', '优化', '营商环境'];

export function buildSite(articles: number, seed: number): { files: Map<string, string>; planted: Planted } {
  const rand = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const title = () => Array.from({ length: 4 + Math.floor(rand() * 6) }, () => pick(WORDS)).join('');
  const date = (i: number) => {
    const d = new Date(Date.UTC(2026, 10, 26) - (i % 400) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const files = new Map<string, string>();
  const planted: Planted = { brokenLinks: new Map(), missingImages: new Map(), slowPages: new Set() };
  const nav = `<nav>${TOPICS.map((t, i) => `<a href="/col${i}/">${t}</a>`).join(' ')}</nav>`;
  const doc = (t: string, body: string) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${t}</title><link rel="stylesheet" href="/site.css"></head><body><img src="/logo.png" alt="岚江市">${nav}<h1>${t}</h1>${body}</body></html>`;
  files.set('/site.css', 'body{font-family:sans-serif}');
  files.set('/logo.png', 'PNG');

  const subs = 10;
  const perList = Math.max(1, Math.ceil(articles / (TOPICS.length * subs)));
  const articlePaths: string[] = [];
  let n = 0;
  const topLinks: string[] = [];
  for (let c = 0; c < TOPICS.length; c++) {
    const subLinks: string[] = [];
    for (let s = 0; s < subs; s++) {
      const items: string[] = [];
      for (let k = 0; k < perList && n < articles; k++, n++) {
        const path = `/col${c}/sub${s}/art${n}.html`;
        articlePaths.push(path);
        items.push(`<li><a href="art${n}.html">${title()}</a><span>${date(n)}</span></li>`);
      }
      const listPath = `/col${c}/sub${s}/`;
      files.set(listPath, doc(`${TOPICS[c]}（${s + 1}）`, `<ul class="list">${items.join('')}</ul>`));
      subLinks.push(`<li><a href="sub${s}/">${TOPICS[c]}（${s + 1}）</a><span>${date(c + s)}</span></li>`);
    }
    files.set(`/col${c}/`, doc(TOPICS[c] ?? '', `<ul class="list">${subLinks.join('')}</ul>`));
    topLinks.push(`<li><a href="/col${c}/">${TOPICS[c]}</a><span>${date(c)}</span></li>`);
  }
  files.set('/', doc('岚江市人民政府', `<ul class="list">${topLinks.join('')}</ul>`));

  // Articles: body text, a photo, links to a few siblings; faults planted at random places.
  const brokenAt = new Set<number>();
  while (brokenAt.size < Math.min(50, Math.floor(articles / 100) || 1)) brokenAt.add(Math.floor(rand() * articlePaths.length));
  const missingAt = new Set<number>();
  while (missingAt.size < Math.min(30, Math.floor(articles / 150) || 1)) missingAt.add(Math.floor(rand() * articlePaths.length));
  while (planted.slowPages.size < Math.min(5, articlePaths.length)) planted.slowPages.add(pick(articlePaths));
  const note = (m: Map<string, Set<string>>, target: string, page: string) => m.set(target, (m.get(target) ?? new Set()).add(page));
  articlePaths.forEach((path, i) => {
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    const siblings = [1, 2, 3].map((d) => articlePaths[(i + d) % articlePaths.length] ?? path);
    let extra = '';
    if (brokenAt.has(i)) {
      const target = `${dir}deleted-${i}.html`;
      extra += `<p><a href="deleted-${i}.html">相关文件（已删除）</a></p>`;
      note(planted.brokenLinks, target, path);
    }
    const img = missingAt.has(i) ? `/uploads/missing-${i}.jpg` : '/uploads/photo.jpg';
    if (missingAt.has(i)) note(planted.missingImages, img, path);
    const paragraphs = Array.from({ length: 6 }, () => `<p>${Array.from({ length: 40 }, () => pick(WORDS)).join('')}。</p>`).join('');
    files.set(path, doc(title(), `<p class="meta">发布日期：${date(i)}</p>${paragraphs}<img src="${img}" alt="图片">${extra}<ul>${siblings.map((s) => `<li><a href="${s}">相关阅读</a></li>`).join('')}</ul>`));
  });
  files.set('/uploads/photo.jpg', 'JPG');
  return { files, planted };
}

export async function serveSite(articles: number, seed: number, slowMs: number): Promise<BenchSite> {
  const { files, planted } = buildSite(articles, seed);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const body = files.get(path);
    const send = () => {
      if (body === undefined) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><title>404</title>');
        return;
      }
      const type = path.endsWith('.css') ? 'text/css' : path.endsWith('.png') ? 'image/png' : path.endsWith('.jpg') ? 'image/jpeg' : 'text/html; charset=utf-8';
      res.writeHead(200, { 'content-type': type });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (planted.slowPages.has(path)) setTimeout(send, slowMs);
    else send();
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pages = [...files.keys()].filter((p) => p.endsWith('/') || p.endsWith('.html')).length;
  return { url, pages, planted, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
