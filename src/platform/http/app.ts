import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyMultipart from '@fastify/multipart';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { resolveSession } from '../auth/service.js';
import type { AppContext } from '../context.js';
import { errors } from '../errors.js';
import { LocalDiskBlobStore } from '../files/store.js';
import { MAX_ATTACHMENT_BYTES } from '../files/types.js';
import { isLang } from '../i18n/chinese.js';
import { ensureAppSecret, getSiteInfo, pingDatabase } from '../settings/store.js';
import { cookieOptions, SESSION_COOKIE } from './cookies.js';
import { assertCsrf } from './csrf.js';
import { installErrorHandling } from './errors.js';
import { installMetrics } from './metrics.js';
import { ApiDocs } from './openapi.js';
import './types.js';
import type { WebContext } from './web-context.js';

export type RouteModule = (app: FastifyInstance, web: WebContext, docs: ApiDocs) => void;

export interface BuildAppOptions {
  /** Feature route modules, registered in order. */
  readonly routes: readonly RouteModule[];
  /** Enable pino request logs (off in tests unless LOG_LEVEL asks). */
  readonly logger?: boolean;
}

const LANG_COOKIE = 'gk_lang';
const ELDER_COOKIE = 'gk_elder';
const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));
const YEAR_SECONDS = 365 * 24 * 3600;

/** Longest request line plus headers accepted (Node's default is 16 KB). */
export const MAX_REQUEST_HEAD_BYTES = 128 * 1024;

/** Builds the whole web application without listening, so tests drive it with `inject()`. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions): Promise<FastifyInstance> {
  const web: WebContext = {
    ...ctx,
    appSecret: await ensureAppSecret(ctx.db),
    blobs: new LocalDiskBlobStore(join(ctx.config.dataDir, 'storage')),
  };
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] } : false,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Node refuses request heads over 16 KB with a bare 431; a pasted paragraph in a search URL
    // (10 KB of Chinese is ~90 KB encoded) should instead reach the app and get its clear 400.
    serverFactory: (handler) => createServer({ maxHeaderSize: MAX_REQUEST_HEAD_BYTES }, handler),
  });

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  // Uploads: one file per form, fields parsed into the body so the CSRF check can read them.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: true,
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, parts: 12 },
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: YEAR_SECONDS, includeSubDomains: true },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  const redis = ctx.config.redisUrl ? new Redis(ctx.config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }) : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit()));
  await app.register(fastifyRateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: `${ctx.config.rateLimitKeyPrefix}rl:` } : {}),
    errorResponseBuilder: () => errors.rateLimited(),
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    maxAge: '1d',
    decorateReply: false,
  });

  app.decorateRequest('staff', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('sessionCsrfSecret', null);
  app.decorateRequest('lang', 'zh-Hans');
  app.decorateRequest('elder', false);
  app.decorateRequest('site', null);

  // Language and elderly mode: `?lang=` / `?elder=` switch and a cookie remembers the choice.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/static/')) return;
    const query = request.query as Record<string, unknown>;
    if (isLang(query.lang)) {
      request.lang = query.lang;
      reply.setCookie(LANG_COOKIE, query.lang, cookieOptions(ctx.config.cookieSecure, request, { maxAge: YEAR_SECONDS }));
    } else if (isLang(request.cookies[LANG_COOKIE])) {
      request.lang = request.cookies[LANG_COOKIE];
    }
    if (query.elder === '1' || query.elder === '0') {
      request.elder = query.elder === '1';
      reply.setCookie(ELDER_COOKIE, query.elder, cookieOptions(ctx.config.cookieSecure, request, { maxAge: YEAR_SECONDS }));
    } else {
      request.elder = request.cookies[ELDER_COOKIE] === '1';
    }
    if (request.url.startsWith('/api/')) return;
    // Read per request (one small row) so an edit shows at once in every web process.
    request.site = await getSiteInfo(ctx.db);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await resolveSession(ctx, ctx.config, token);
      if (found) {
        request.staff = found.user;
        request.sessionToken = token;
        request.sessionCsrfSecret = found.session.csrfSecret;
      }
    }
  });

  // Every HTML form carries a CSRF token. The JSON API authenticates no one by cookie, so it needs none.
  app.addHook('preHandler', async (request) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.url.startsWith('/api/')) return;
    assertCsrf(request, web.appSecret);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/staff')) reply.header('cache-control', 'no-store');
    return payload;
  });

  installErrorHandling(app, web);
  installMetrics(app, ctx.config.metricsToken);
  app.get('/healthz', async (_request, reply) => {
    try {
      await pingDatabase(ctx.db);
      return { status: 'ok', database: ctx.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: ctx.engine });
    }
  });

  const docs = new ApiDocs();
  for (const register of options.routes) register(app, web, docs);
  app.get('/api/openapi.json', async () => docs.document());
  return app;
}
