import type { FastifyInstance } from 'fastify';
import type { ApiDocs } from '../../platform/http/openapi.js';
import type { WebContext } from '../../platform/http/web-context.js';

// Placeholder registered in src/routes.ts; the feature's routes replace this body.
export function accountabilityStaffRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  void app;
  void web;
  void docs;
}
