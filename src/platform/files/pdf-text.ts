/**
 * PDF text through pdf.js (Mozilla, Apache-2.0), the legacy build that targets Node. It runs
 * offline: the CMaps that CJK fonts need (e.g. UniGB-UCS2-H → Adobe-GB1) and the standard font
 * metrics are read from the package's own folders as file paths, never fetched.
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Raised when a PDF cannot be read, so a caller (e.g. the privacy scan) can flag it, not pass it. */
export class TextExtractionError extends Error {
  constructor(
    readonly code: 'PASSWORD_PROTECTED' | 'UNREADABLE',
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'TextExtractionError';
  }
}

/** Pages beyond this are not read: a guard against pathological files, not a normal limit. */
export const MAX_PDF_PAGES = 2000;

type PdfJs = typeof PdfJsModule;

let loaded: Promise<{ pdfjs: PdfJs; root: string }> | undefined;

function load(): Promise<{ pdfjs: PdfJs; root: string }> {
  loaded ??= (async () => {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    // "Disable the worker": handing pdf.js the worker's message handler makes it parse on this
    // thread instead of spawning a worker script that a bundled dist/ might not find.
    const worker: unknown = await import(pathToFileURL(join(root, 'legacy', 'build', 'pdf.worker.mjs')).href);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // pdf.js 5 polyfills DOMMatrix from @napi-rs/canvas (its optional dependency, a prebuilt
    // binary package). Without it every PDF would fail as "unreadable": say what is wrong instead.
    if (typeof (globalThis as { DOMMatrix?: unknown }).DOMMatrix === 'undefined') {
      loaded = undefined;
      throw new Error('PDF text extraction needs @napi-rs/canvas (optional dependency of pdfjs-dist); install without --omit=optional');
    }
    return { pdfjs, root };
  })();
  return loaded;
}

export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const { pdfjs, root } = await load();
  const dir = (name: string): string => join(root, name) + sep; // pdf.js appends file names
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdf.js transfers (detaches) the buffer it is given
    cMapUrl: dir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: dir('standard_fonts'),
    wasmUrl: dir('wasm'),
    isEvalSupported: false, // no code generation from font programs (cf. CVE-2024-4367)
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PDF_PAGES); n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text.trimEnd());
      page.cleanup();
    }
    return pages.join('\n\n').trim();
  } catch (err) {
    if (err instanceof Error && err.name === 'PasswordException') {
      throw new TextExtractionError('PASSWORD_PROTECTED', 'PDF 文件已加密，无法读取内容', 'The PDF is password-protected and cannot be read');
    }
    const reason = err instanceof Error ? err.message : String(err);
    throw new TextExtractionError('UNREADABLE', `无法读取 PDF 文件内容（${reason}）`, `The PDF could not be read (${reason})`);
  } finally {
    await task.destroy();
  }
}
