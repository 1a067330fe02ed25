import { z } from 'zod';

/**
 * The OpenAPI document is assembled from the same zod schemas the routes validate with, so the
 * document cannot drift from the code. Each feature calls `describe()` for its API routes.
 */
export interface ApiRouteDoc {
  readonly method: 'get' | 'post';
  /** OpenAPI path, e.g. `/api/v1/agencies/{code}`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly errors?: readonly number[];
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('稳定的错误代码 / stable error code'),
    message: z.string().describe('中英文说明 / message in Chinese and English'),
    details: z.array(z.string()).optional(),
  }),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(item) });
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' });
}

function parameters(where: 'path' | 'query', schema: z.ZodObject | undefined) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const s = field as z.ZodType;
    return {
      name,
      in: where,
      required: where === 'path' || !s.safeParse(undefined).success,
      description: s.description,
      schema: jsonSchema(s),
    };
  });
}

export class ApiDocs {
  readonly #routes: ApiRouteDoc[] = [];

  describe(route: ApiRouteDoc): void {
    this.#routes.push(route);
  }

  get routes(): readonly ApiRouteDoc[] {
    return this.#routes;
  }

  document(serverUrl = '/'): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.#routes) {
      const statuses: Record<string, unknown> = {
        200: { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response) } } },
      };
      for (const status of r.errors ?? []) {
        statuses[status] = { description: 'Error', content: { 'application/json': { schema: jsonSchema(errorBodySchema) } } };
      }
      (paths[r.path] ??= {})[r.method] = {
        tags: [r.tag],
        summary: r.summary,
        ...(r.description ? { description: r.description } : {}),
        parameters: [...parameters('path', r.params), ...parameters('query', r.query)],
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
        responses: statuses,
      };
    }
    return {
      openapi: '3.0.3',
      info: {
        title: 'gongkai 政务公开数据接口',
        version: '1',
        description: '政府信息公开平台的开放数据接口。错误统一为 { "error": { "code", "message" } }；列表统一为 { total, page, pageSize, items }。',
      },
      servers: [{ url: serverUrl }],
      paths,
    };
  }
}
