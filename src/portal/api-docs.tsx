import { TableWrap } from '../platform/views/forms.js';
import type { ApiRouteDoc } from '../platform/http/openapi.js';
import { PublicLayout } from '../platform/views/layout.js';
import type { PageContext } from '../platform/views/page-context.js';

function describeSchema(schema: unknown): string {
  const props = (schema as { properties?: Record<string, { description?: string }> }).properties;
  return props ? Object.keys(props).join('、') : '';
}

/** A readable, script-free rendering of the OpenAPI document. */
export function ApiDocsPage({ ctx, routes, document }: { ctx: PageContext; routes: readonly ApiRouteDoc[]; document: Record<string, unknown> }) {
  const paths = document.paths as Record<string, Record<string, { parameters: { name: string; in: string; required: boolean; description?: string }[]; responses: Record<string, { content?: { 'application/json': { schema: unknown } } }> }>>;
  return (
    <PublicLayout ctx={ctx} title="开放数据接口" crumbs={[{ label: '开放数据接口' }]}>
      <h1>开放数据接口</h1>
      <p class="lead">
        接口返回 JSON。列表统一为 <code>{'{ total, page, pageSize, items }'}</code>；出错时返回相应的 4xx/5xx 状态码和 <code>{'{ "error": { "code", "message" } }'}</code>。机器可读的说明：
        <a href="/api/openapi.json">/api/openapi.json</a>（OpenAPI 3.0）。
      </p>
      {routes.map((r) => {
        const op = paths[r.path]?.[r.method];
        return (
          <section class="api-route">
            <h2>
              <code>
                {r.method.toUpperCase()} {r.path}
              </code>
            </h2>
            <p>{r.summary}</p>
            {op && op.parameters.length > 0 ? (
              <TableWrap label="接口参数">
                <table class="data">
                  <thead>
                    <tr>
                      <th scope="col">参数</th>
                      <th scope="col">位置</th>
                      <th scope="col">必填</th>
                      <th scope="col">说明</th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr>
                        <td>
                          <code>{p.name}</code>
                        </td>
                        <td>{p.in === 'path' ? '路径' : '查询'}</td>
                        <td>{p.required ? '是' : '否'}</td>
                        <td>{p.description ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            ) : null}
            <p class="muted">返回字段：{describeSchema(op?.responses['200']?.content?.['application/json'].schema)}</p>
          </section>
        );
      })}
    </PublicLayout>
  );
}
