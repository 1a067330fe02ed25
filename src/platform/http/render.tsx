import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { pageForLang } from '../i18n/chinese.js';
import { DEFAULT_SITE_INFO } from '../settings/store.js';
import type { PageContext } from '../views/page-context.js';
import { csrfTokenFor } from './csrf.js';
import type { WebContext } from './web-context.js';

const SWITCH_PARAMS = new Set(['lang', 'elder']);

export function pageContext(web: WebContext, request: FastifyRequest, reply: FastifyReply): PageContext {
  const url = new URL(request.url, 'http://local');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!SWITCH_PARAMS.has(k)) query[k] = v;
  return {
    lang: request.lang,
    elder: request.elder,
    pathname: url.pathname,
    query,
    csrfToken: csrfTokenFor(request, reply, web.appSecret, web.config.cookieSecure),
    staff: request.staff,
    site: request.site ?? DEFAULT_SITE_INFO,
  };
}

/** Sends a server-rendered page; a 繁體 request gets the whole page through OpenCC phrase conversion. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const html = `<!DOCTYPE html>${render(page)}`;
  // The page differs by the language/mode cookies when the URL does not say.
  return reply
    .status(status)
    .header('vary', 'Cookie')
    .type('text/html; charset=utf-8')
    .send(pageForLang(html, request.lang));
}
