import type { FastifyInstance } from 'fastify';
import type { ApiDocs } from '../platform/http/openapi.js';
import type { WebContext } from '../platform/http/web-context.js';

/** Staff 依申请公开 workbench. */
export function requestStaffRoutes(_app: FastifyInstance, _web: WebContext, _docs: ApiDocs): void {}
