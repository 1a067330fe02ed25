import { TableWrap } from '../platform/views/forms.js';
import type { ApiRouteDoc } from '../platform/http/openapi.js';
import { PublicLayout } from '../platform/views/layout.js';
import type { PageContext } from '../platform/views/page-context.js';

export function HelpPage({ ctx }: { ctx: PageContext }) {
  return (
    <PublicLayout ctx={ctx} title="帮助" crumbs={[{ label: '帮助' }]}>
      <h1>帮助</h1>
      <h2>如何查找政府信息</h2>
      <p>
        通过“<a href="/disclosure">政府信息公开</a>”栏目查看法定主动公开内容；在“<a href="/agencies">机构与公开指南</a>”中选择机构，阅读其政府信息公开指南。没有主动公开的信息，可以按“
        <a href="/requests">依申请公开</a>”栏目的说明向掌握该信息的机构提出申请。
      </p>
      <h2>简体与繁体</h2>
      <p>页面顶部的“繁體”链接把整页转换为繁体中文（按词语转换），选择会被记住；点击“简体”恢复。也可以在任何网址后加上 <code>?lang=zh-Hant</code>。</p>
      <h2>长者模式</h2>
      <p>页面顶部的“长者模式”使用更大的字号、更高的对比度和更大的点击区域，再次点击“标准版”恢复。</p>
      <h2>无障碍</h2>
      <p>
        本网站按照《信息技术 互联网内容无障碍可访问性技术要求与测试方法》（GB/T 37668—2019）和 WCAG 2.1 AA 级要求建设：所有功能无需脚本即可使用，可以只用键盘操作（按 Tab 键移动，页面顶部有“跳到主要内容”链接），支持屏幕阅读器，页面在手机上同样可用。
      </p>
      <h2>开放数据接口</h2>
      <p>
        本平台的公开数据可以通过 <a href="/api/docs">JSON 数据接口</a> 获取，接口说明符合 OpenAPI 3 规范（<a href="/api/openapi.json">openapi.json</a>）。
      </p>
      <h2>隐私保护</h2>
      <p>申请人的姓名、证件号码和联系方式只用于办理申请，不会在网站上公开。</p>
    </PublicLayout>
  );
}

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
