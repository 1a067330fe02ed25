import type { FastifyInstance } from 'fastify';
import type { ApiDocs } from '../platform/http/openapi.js';
import type { WebContext } from '../platform/http/web-context.js';

/** Staff annual-report pages. */
export function reportStaffRoutes(_app: FastifyInstance, _web: WebContext, _docs: ApiDocs): void {}
