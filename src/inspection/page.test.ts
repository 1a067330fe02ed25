import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { charsetOf, decoderFor, headerCharset, sniffCharset } from './charset.js';
import { scanPage } from './page-scan.js';
import { parseRobots } from './robots.js';
import { inScope, resolveLink, scopeOf, srcsetUrls } from './urls.js';

const scan = (html: string, chunk = 7) => {
  const s = scanPage();
  for (let i = 0; i < html.length; i += chunk) s.write(html.slice(i, i + chunk)); // split mid-tag on purpose
  return s.end();
};

describe('charsets (GBK pages are common on government sites)', () => {
  test('header, meta and BOM; GB2312 and GBK read as GB18030', () => {
    assert.equal(headerCharset('text/html; charset=GBK'), 'gb18030');
    assert.equal(headerCharset('text/html;charset="gb2312"'), 'gb18030');
    assert.equal(headerCharset('text/html'), null);
    assert.equal(sniffCharset(Buffer.from('<html><head><meta charset="gb2312">')), 'gb18030');
    assert.equal(sniffCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=GBK" />')), 'gb18030');
    assert.equal(sniffCharset(Uint8Array.of(0xef, 0xbb, 0xbf, 0x3c)), 'utf-8');
    assert.equal(charsetOf('no-such-charset'), null);
  });
  test('a GBK page decodes correctly even when a chunk splits a character', () => {
    const bytes = iconv.encode('岚江市人民政府门户网站', 'gbk');
    const d = decoderFor('gb18030');
    const text = d.write(bytes.subarray(0, 5)) + d.write(bytes.subarray(5)) + d.end();
    assert.equal(text, '岚江市人民政府门户网站');
  });
});

describe('urls and scope', () => {
  test('links resolve against the page, fragments fold, non-web schemes are dropped', () => {
    assert.equal(resolveLink('../a/b.html#top', 'http://s.gov.cn/x/y/z.html'), 'http://s.gov.cn/x/a/b.html');
    assert.equal(resolveLink('HTTP://S.GOV.CN:80/p', 'http://s.gov.cn/'), 'http://s.gov.cn/p');
    for (const raw of ['javascript:void(0)', 'mailto:a@b.cn', 'tel:12345', '#', '']) assert.equal(resolveLink(raw, 'http://s.gov.cn/'), raw === '#' ? 'http://s.gov.cn/' : null);
    assert.deepEqual(srcsetUrls('a.jpg 1x, b.jpg 2x,c.jpg'), ['a.jpg', 'b.jpg', 'c.jpg']);
  });
  test('scope: one origin, a path prefix, exclusions', () => {
    const scope = scopeOf('http://s.gov.cn/zwgk/index.html', { pathPrefix: '/zwgk/', exclude: ['\\.pdf$'] });
    assert.ok(inScope('http://s.gov.cn/zwgk/a.html', scope));
    assert.ok(!inScope('http://s.gov.cn/other/a.html', scope));
    assert.ok(!inScope('https://s.gov.cn/zwgk/a.html', scope), 'another scheme is another origin');
    assert.ok(!inScope('http://s.gov.cn/zwgk/a.pdf', scope));
  });
});

describe('robots.txt (RFC 9309)', () => {
  const robots = ['User-agent: *', 'Disallow: /private/', 'Allow: /private/open', 'Disallow: /*.pdf$', 'Crawl-delay: 2', '', 'User-agent: gongkai', 'Disallow: /admin'].join('\n');
  test('our own group when there is one, else *; longest match wins; $ anchors', () => {
    const ours = parseRobots(robots, 'gongkai-inspect/1.0');
    assert.equal(ours.isAllowed('/private/x'), true, 'our group does not forbid it');
    assert.equal(ours.isAllowed('/admin/users'), false);
    const other = parseRobots(robots, 'otherbot');
    assert.equal(other.isAllowed('/private/x'), false);
    assert.equal(other.isAllowed('/private/open/y'), true, 'the longer Allow wins');
    assert.equal(other.isAllowed('/files/a.pdf'), false);
    assert.equal(other.isAllowed('/files/a.pdf?x=1'), true, '$ anchors the end');
    assert.equal(other.crawlDelay, 2);
  });
  test('an empty Disallow allows everything', () => {
    assert.equal(parseRobots('User-agent: *\nDisallow:', 'x').isAllowed('/a'), true);
  });
});

describe('page scan', () => {
  const html = `<!DOCTYPE html><html lang="zh-CN"><head><title> 通知公告 - 岚江市 </title><base href="http://s.gov.cn/col/">
    <link rel="stylesheet" href="/s.css"><link rel="preconnect" href="https://cdn.example"><script src="app.js"></script></head>
    <body><h1>通知公告</h1><img src="logo.png"><img src="x.png" alt=""><img srcset="a.jpg 1x, b.jpg 2x" alt="图">
    <ul class="list"><li><a href="a1.html">关于2026年元旦放假的通知</a><span>2026-11-20</span></li>
    <li><a href="a2.html">关于&amp;征求意见的公告</a> [11-02]</li></ul>
    <form><label for="q">检索</label><input id="q" name="q"><input name="n"><label>姓名 <input name="name"></label><input type="submit"></form>
    <iframe src="/map.html"></iframe><script>var s = "暂无信息 13812345678";</script>
    <p>联系电话：0731-88888888</p></body></html>`;
  const facts = scan(html);
  test('links of every kind, in order, with anchor texts', () => {
    assert.equal(facts.base, 'http://s.gov.cn/col/');
    assert.deepEqual(
      facts.links.map((l) => `${l.tag}:${l.raw}`),
      ['link:/s.css', 'script:app.js', 'img:logo.png', 'img:x.png', 'img:a.jpg', 'img:b.jpg', 'a:a1.html', 'a:a2.html', 'iframe:/map.html'],
    );
    assert.equal(facts.links.find((l) => l.raw === 'a2.html')?.text, '关于&征求意见的公告');
  });
  test('list entries with their text and first link (what makes a column)', () => {
    assert.deepEqual(facts.entries, [
      { text: '关于2026年元旦放假的通知2026-11-20', href: 'a1.html' },
      { text: '关于&征求意见的公告 [11-02]', href: 'a2.html' },
    ]);
  });
  test('accessibility basics: lang, title, images without alt (an empty alt is fine), unlabelled controls', () => {
    assert.equal(facts.lang, 'zh-CN');
    assert.equal(facts.title, '通知公告 - 岚江市');
    assert.equal(facts.heading, '通知公告');
    assert.deepEqual(facts.imagesWithoutAlt, ['logo.png']);
    assert.equal(facts.unlabelledControls, 1, 'only the input named n');
  });
  test('script text is not page text: no false 暂无信息, no phone number from code', () => {
    assert.equal(facts.saysEmpty, false);
    assert.ok(!facts.text.includes('13812345678'));
    assert.ok(facts.text.includes('联系电话：0731-88888888'));
    assert.equal(scan('<html><body><div class="list">暂无信息</div></body></html>').saysEmpty, true);
  });
});
