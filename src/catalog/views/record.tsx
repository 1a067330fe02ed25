import type { AttachmentRow, RecordVersionRow } from '../../platform/db/schema.js';
import { TableWrap } from '../../platform/views/forms.js';
import { PublicLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { formatSize, type PublicRecord } from '../present.js';
import { RatingPanel } from '../../supervision/ratings/views/panel.js';
import type { RatingPanelData } from '../../supervision/ratings/service.js';

export interface RecordPageData {
  readonly record: PublicRecord;
  /** Sanitised on input (platform/html/sanitize.ts); shown as stored. */
  readonly bodyHtml: string;
  readonly attachments: readonly AttachmentRow[];
  readonly versions: readonly RecordVersionRow[];
  readonly interprets: { id: number; title: string } | null;
  readonly interpretations: readonly { id: number; title: string; kind: string | null }[];
  readonly replacedBy: { id: number; title: string } | null;
  readonly videoUrl: string;
  /** the public consultation on this policy's draft (supervision/consultations), if any */
  readonly consultation?: { id: number; title: string; url: string } | null;
  /** Set when an earlier version is shown. */
  readonly shownVersion?: RecordVersionRow;
}

/** The standard metadata table of a catalogue entry (条例 第十二条: 索引、名称、内容概述、生成日期). */
export function MetadataTable({ r }: { r: PublicRecord }) {
  const rows: [string, string][] = [
    ['索引号', r.indexNumber],
    ['主题分类', r.topic.replace('\\', ' / ')],
    ['发文机关', r.issuers.map((i) => i.name).join('、')],
    ['成文日期', r.writtenOn],
    ['标题', r.title],
    ['文号', r.docNumber || '—'],
    ['发布日期', r.publishedOn],
    ['有效性', r.validity],
    ['体裁', r.genre],
    ['公开类别', r.category],
  ];
  return (
    <TableWrap label="信息元数据">
      <table class="data meta">
        <tbody>
          {rows.map(([k, v]) => (
            <tr>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Attachments({ items }: { items: readonly AttachmentRow[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">附件</h2>
      <ul class="attachments">
        {items.map((a) => (
          <li>
            <a href={`/attachments/${a.id}`}>{a.fileName}</a> <span class="muted">（{a.kind.toUpperCase()}，{formatSize(a.size)}）</span>
            <br />
            <span class="digest">SHA-256：{a.sha256}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RecordPage({ ctx, data, rating }: { ctx: PageContext; data: RecordPageData; rating?: RatingPanelData | undefined }) {
  const r = data.record;
  const shown = data.shownVersion;
  return (
    <PublicLayout
      ctx={ctx}
      title={shown ? `${shown.title}（第${shown.version}版）` : r.title}
      crumbs={[{ href: '/catalogue', label: '政府信息公开目录' }, { href: `/catalogue?agency=${r.agency.code}`, label: r.agency.name }, { label: '正文' }]}
    >
      <MetadataTable r={r} />
      {r.withdrawn ? (
        <div class="notice warn" role="status">
          <p>
            <strong>本信息已于 {r.withdrawn.on} 撤回。</strong>撤回原因：{r.withdrawn.reason}
          </p>
        </div>
      ) : null}
      {shown ? (
        <p class="notice" role="status">
          您正在查看第 {shown.version} 版（{shown.publishedOn}，{shown.reason}）。<a href={r.url}>查看现行版本</a>
        </p>
      ) : null}
      {data.replacedBy ? (
        <p class="notice">
          本文件已被 <a href={`/records/${data.replacedBy.id}`}>{data.replacedBy.title}</a> 替代。
        </p>
      ) : null}
      <article>
        <h1>{shown ? shown.title : r.title}</h1>
        {r.withdrawn && !shown ? null : <div class="record-body" dangerouslySetInnerHTML={{ __html: shown ? shown.bodyHtml : data.bodyHtml }} />}
        {data.videoUrl ? (
          <p>
            发布会视频：<a href={data.videoUrl}>{data.videoUrl}</a>
          </p>
        ) : null}
      </article>
      {r.withdrawn ? null : <Attachments items={data.attachments} />}
      {data.consultation ? (
        <p>
          本政策曾公开征求意见：<a href={data.consultation.url}>{data.consultation.title}</a>
        </p>
      ) : null}
      {data.interprets ? (
        <p>
          解读对象：<a href={`/records/${data.interprets.id}`}>{data.interprets.title}</a>
        </p>
      ) : null}
      {data.interpretations.length > 0 ? (
        <section aria-labelledby="interpretations-title">
          <h2 id="interpretations-title">政策解读</h2>
          <ul>
            {data.interpretations.map((i) => (
              <li>
                <a href={`/records/${i.id}`}>{i.title}</a>
                {i.kind ? <span class="muted">（{i.kind}）</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.versions.length > 1 ? (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">版本记录</h2>
          <ol>
            {data.versions.map((v) => (
              <li>
                <a href={`/records/${r.id}/versions/${v.version}`}>第 {v.version} 版</a>（{v.publishedOn}）：{v.reason}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <p class="muted">
        <a href={`/records/${r.id}/print`}>打印本页</a> · <a href={`/api/v1/records/${r.id}`}>JSON</a>
      </p>
      {rating ? <RatingPanel ctx={ctx} panel={rating} /> : null}
    </PublicLayout>
  );
}

/** A plain print view: metadata table and body, no navigation. */
export function RecordPrintPage({ ctx, data }: { ctx: PageContext; data: RecordPageData }) {
  const r = data.record;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${r.title} - 打印`}</title>
        <link rel="stylesheet" href="/static/site.css" />
      </head>
      <body class="print-view">
        <main class="wrap content">
          <p class="muted">{ctx.site.siteName}</p>
          <MetadataTable r={r} />
          <h1>{r.title}</h1>
          {r.withdrawn ? <p>本信息已于 {r.withdrawn.on} 撤回。撤回原因：{r.withdrawn.reason}</p> : <div class="record-body" dangerouslySetInnerHTML={{ __html: data.bodyHtml }} />}
          <p class="muted">
            <a href={r.url}>返回信息页面</a>
          </p>
        </main>
      </body>
    </html>
  );
}
