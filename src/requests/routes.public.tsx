import type { FastifyInstance } from 'fastify';
import type { ApiDocs } from '../platform/http/openapi.js';
import type { WebContext } from '../platform/http/web-context.js';

/** Public 依申请公开 pages and API (form, status, register). */
export function requestPublicRoutes(_app: FastifyInstance, _web: WebContext, _docs: ApiDocs): void {}
