import type { FastifyInstance } from 'fastify';
import type { ApiDocs } from '../platform/http/openapi.js';
import type { WebContext } from '../platform/http/web-context.js';

/** Annual-report API. */
export function reportPublicRoutes(_app: FastifyInstance, _web: WebContext, _docs: ApiDocs): void {}
