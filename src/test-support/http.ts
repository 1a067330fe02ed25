import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type RouteModule } from '../platform/http/app.js';
import type { Engine } from '../platform/db/database.js';
import { ROUTE_MODULES } from '../routes.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly tdb: TestDatabase;
  close(): Promise<void>;
}

/** The real application on a fresh database of the given engine, driven through inject(). */
export async function createTestApp(engine: Engine, env: Record<string, string> = {}, extraRoutes: readonly RouteModule[] = []): Promise<TestApp> {
  const tdb = await createTestDatabase(engine, env);
  const app = await buildApp(tdb.ctx, { routes: [...ROUTE_MODULES, ...extraRoutes] });
  await app.ready();
  return {
    app,
    tdb,
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

/** Extracts the CSRF token from a rendered form. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF field on the page');
  return m[1];
}

/**
 * A cookie-keeping client for one visitor: it remembers cookies between requests and fills in
 * the CSRF token from the last page it saw, the way a browser submitting a form would.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  #csrf: string | undefined;

  constructor(readonly app: FastifyInstance) {}

  #cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  #remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) {
      const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
      if (m?.[1]) this.#csrf = m[1];
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.#cookieHeader(), ...headers } });
    this.#remember(res);
    return res;
  }

  /** Posts a form; the CSRF token comes from the last page seen unless `_csrf` is given. */
  async post(url: string, form: Record<string, string | string[]> = {}, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    const withToken: Record<string, string | string[]> = { ...(this.#csrf ? { _csrf: this.#csrf } : {}), ...form };
    for (const [k, v] of Object.entries(withToken)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.#cookieHeader(), ...headers },
    });
    this.#remember(res);
    return res;
  }

  /** Posts a multipart form with one file, as a browser uploading through a file input does. */
  async postFile(url: string, file: { field: string; name: string; type: string; bytes: Uint8Array }, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const boundary = `----gongkai${Date.now().toString(16)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ ...(this.#csrf ? { _csrf: this.#csrf } : {}), ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(Buffer.from(file.bytes), Buffer.from(`\r\n--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: this.#cookieHeader() },
    });
    this.#remember(res);
    return res;
  }

  /** Signs in through the real login form; returns the login response. */
  async login(login: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/staff/login');
    const res = await this.post('/staff/login', { login, password });
    if (res.statusCode === 303) await this.get('/staff');
    return res;
  }
}
