/**
 * One page read as it streams in (htmlparser2, no DOM): the links it makes (a, img, script, link,
 * iframe, source, with src and srcset; <base> honoured), its list entries with their dates (what
 * makes a page a column), what the basic accessibility checks need (html lang, title, img alt,
 * form labels), whether it says it is empty, and its text for the personal-data scan (capped).
 * Memory per page is bounded by the caps below, whatever the page's size.
 */
import { Parser } from 'htmlparser2';

export interface PageLink {
  readonly raw: string;
  readonly tag: string;
  /** the anchor text (a) or the alt text (img) */
  readonly text: string;
}

export interface ListEntry {
  readonly text: string;
  readonly href: string | null;
}

export interface PageFacts {
  readonly base: string | null;
  readonly links: readonly PageLink[];
  readonly lang: string | null;
  readonly title: string;
  readonly heading: string;
  readonly imagesWithoutAlt: readonly string[];
  readonly unlabelledControls: number;
  readonly entries: readonly ListEntry[];
  readonly saysEmpty: boolean;
  readonly text: string;
  /** the text was cut at MAX_TEXT_CHARS */
  readonly textTruncated: boolean;
}

export const MAX_TEXT_CHARS = 1_000_000;
const MAX_LINKS = 20_000;
const MAX_ENTRIES = 2_000;
const MAX_ENTRY_CHARS = 300;
// 政府网站 columns without content say so in these words.
const EMPTY_MARKERS = /暂无(信息|内容|数据|记录|相关信息)|没有(相关)?(记录|信息|数据)|无相关信息|信息正在更新中|栏目建设中/;
const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template']);
const UNLABELLED_EXEMPT = new Set(['hidden', 'submit', 'button', 'reset', 'image']);

export interface PageScanner {
  write(html: string): void;
  end(): PageFacts;
}

export function scanPage(): PageScanner {
  let base: string | null = null;
  const links: PageLink[] = [];
  let lang: string | null = null;
  let title = '';
  let heading = '';
  const imagesWithoutAlt: string[] = [];
  const entries: ListEntry[] = [];
  let text = '';
  let truncated = false;
  let skipDepth = 0;
  let inTitle = false;
  let inH1 = false;
  let h1Done = false;
  // Open <a>: its href and text (for column names).
  let anchor: { raw: string; text: string } | null = null;
  // Open list entries (li, tr, dd): innermost last.
  const openEntries: { tag: string; text: string; href: string | null }[] = [];
  // Form labels: ids labels point at, controls by id, controls labelled by nesting or aria.
  const labelFor = new Set<string>();
  const controlIds: string[] = [];
  let unlabelled = 0;
  let labelDepth = 0;

  const link = (raw: string | undefined, tag: string, label = '') => {
    if (raw && links.length < MAX_LINKS) links.push({ raw, tag, text: label });
  };

  const parser = new Parser(
    {
      onopentag(name, a) {
        if (SKIP_TEXT.has(name)) skipDepth++;
        switch (name) {
          case 'html':
            lang = a.lang?.trim() || null;
            break;
          case 'base':
            base ??= a.href ?? null;
            break;
          case 'title':
            inTitle = true;
            break;
          case 'h1':
            inH1 = !h1Done;
            break;
          case 'a':
            if (a.href !== undefined) anchor = { raw: a.href, text: '' };
            break;
          case 'img':
            link(a.src, 'img', a.alt ?? '');
            if (a.srcset) for (const u of a.srcset.split(',')) link(u.trim().split(/\s+/)[0], 'img');
            if (a.alt === undefined && a.role !== 'presentation' && a['aria-hidden'] !== 'true') imagesWithoutAlt.push(a.src ?? '');
            break;
          case 'source':
            link(a.src, 'source');
            if (a.srcset) for (const u of a.srcset.split(',')) link(u.trim().split(/\s+/)[0], 'source');
            break;
          case 'script':
          case 'iframe':
          case 'frame':
            link(a.src, name);
            break;
          case 'link':
            // stylesheets, icons and alternates are fetched by browsers; preconnect hints are not links
            if (!/preconnect|dns-prefetch/i.test(a.rel ?? '')) link(a.href, 'link');
            break;
          case 'li':
          case 'tr':
          case 'dd':
            openEntries.push({ tag: name, text: '', href: null });
            break;
          case 'label':
            labelDepth++;
            if (a.for) labelFor.add(a.for);
            break;
          case 'input':
          case 'select':
          case 'textarea': {
            if (name === 'input' && UNLABELLED_EXEMPT.has((a.type ?? 'text').toLowerCase())) break;
            if (labelDepth > 0 || a['aria-label'] || a['aria-labelledby'] || a.title) break;
            if (a.id) controlIds.push(a.id);
            else unlabelled++;
            break;
          }
        }
        if (name === 'a' && anchor) {
          const open = openEntries.at(-1);
          if (open && open.href === null) open.href = anchor.raw;
        }
      },
      ontext(t) {
        if (inTitle) title += t;
        if (skipDepth > 0) return;
        if (inH1) heading += t;
        if (anchor) anchor.text += t;
        const open = openEntries.at(-1);
        if (open && open.text.length < MAX_ENTRY_CHARS) open.text += t;
        if (!truncated) {
          if (text.length + t.length > MAX_TEXT_CHARS) {
            text += t.slice(0, MAX_TEXT_CHARS - text.length);
            truncated = true;
          } else text += t;
        }
      },
      onclosetag(name) {
        if (SKIP_TEXT.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (name === 'title') inTitle = false;
        if (name === 'h1' && inH1) {
          inH1 = false;
          h1Done = true;
        }
        if (name === 'a' && anchor) {
          link(anchor.raw, 'a', anchor.text.replace(/\s+/g, ' ').trim());
          anchor = null;
        }
        if (name === 'label') labelDepth = Math.max(0, labelDepth - 1);
        if (name === 'li' || name === 'tr' || name === 'dd') {
          // the innermost open entry of this tag (htmlparser2 closes implied tags for us)
          const i = openEntries.map((e) => e.tag).lastIndexOf(name);
          if (i >= 0) {
            const [e] = openEntries.splice(i, 1);
            if (e && entries.length < MAX_ENTRIES) entries.push({ text: e.text.replace(/\s+/g, ' ').trim(), href: e.href });
          }
        }
        // separate block texts so dates and numbers of neighbouring cells never run together
        if (!truncated && skipDepth === 0) text += ' ';
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );

  return {
    write: (html) => parser.write(html),
    end() {
      parser.end();
      unlabelled += controlIds.filter((id) => !labelFor.has(id)).length;
      const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
      return {
        base,
        links,
        lang,
        title: clean(title),
        heading: clean(heading),
        imagesWithoutAlt,
        unlabelledControls: unlabelled,
        entries,
        saysEmpty: EMPTY_MARKERS.test(text),
        text,
        textTruncated: truncated,
      };
    },
  };
}
