/**
 * 办事指南 (/services/items/:code) in the national layout: 基本信息, 受理条件, 申请材料, 办理流程,
 * 常见问题 and the item's 变更记录; the same content as a print page, and the materials as a
 * checklist to tick off at home (plain checkboxes, no script).
 */
import { RatingPanel } from '../../supervision/ratings/views/panel.js';
import type { RatingPanelData } from '../../supervision/ratings/service.js';
import type { ComponentChildren } from 'preact';
import type { AgencyRow } from '../../platform/db/schema.js';
import { TableWrap } from '../../platform/views/forms.js';
import { PublicLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { CHANGE_LABELS, type ItemChange, type ServiceItemInput } from '../model.js';
import { agencyHref, days, HALL, itemHref, itemsHref, NecessityText, necessity, visitsText } from './format.js';

export interface GuideData {
  readonly guide: ServiceItemInput;
  readonly agency: Pick<AgencyRow, 'code' | 'name' | 'officeAddress' | 'officeHours' | 'phone'>;
  readonly history: readonly ItemChange[];
  readonly onList: boolean;
  /** Names of the agencies and items a change points to (merged → item, delegated → agency). */
  readonly targets: ReadonlyMap<string, { href: string; name: string }>;
}

const dash = (s: string) => (s === '' ? '—' : s);

function Target({ change, targets }: { change: ItemChange; targets: GuideData['targets'] }) {
  if (!change.target) return <>—</>;
  const known = targets.get(change.target);
  const href = known?.href ?? (change.kind === 'delegated' ? agencyHref(change.target) : itemHref(change.target));
  const prefix = change.kind === 'merged' ? '并入 ' : change.kind === 'delegated' ? '下放至 ' : '';
  return (
    <>
      {prefix}
      <a href={href}>{known ? `${known.name}（${change.target}）` : change.target}</a>
    </>
  );
}

/** Why an item left the list, from its last change. */
function OffListNotice({ data }: { data: GuideData }) {
  const last = data.history.at(-1);
  if (data.onList || !last) return null;
  return (
    <div class="notice warn sv-off" role="note" aria-labelledby="sv-off-title">
      <h2 id="sv-off-title">本事项已不在政务服务事项清单中</h2>
      <p>
        {last.on}
        {last.document ? `，依据${last.document}` : ''}，本事项已{CHANGE_LABELS[last.kind]}。理由：{last.reason}
      </p>
      {last.target ? (
        <p>
          去向：<Target change={last} targets={data.targets} />
        </p>
      ) : null}
      <p>以下办事指南仅供查阅，不再作为办理依据。</p>
    </div>
  );
}

function BasicInfo({ data }: { data: GuideData }) {
  const { guide: g, agency: a } = data;
  const rows: [string, ComponentChildren][] = [
    ['事项名称', g.name],
    ['事项编码', g.code],
    ['事项类型', g.type],
    ['实施机关', <a href={agencyHref(a.code)}>{a.name}</a>],
    ['设定依据', <div class="sv-pre">{g.legalBasis}</div>],
    ['法定办结时限', days(g.statutoryDays)],
    ['承诺办结时限', days(g.promisedDays)],
    ['收费标准及依据', `${g.fees}${g.feeBasis ? `（依据：${g.feeBasis}）` : ''}`],
    ['办理地点', dash(g.place || a.officeAddress)],
    ['办理时间', dash(g.hours || a.officeHours)],
    ['咨询电话', dash(g.phone || a.phone)],
    ['到办事现场次数', visitsText(g.visits)],
    ['网上办理', g.onlineUrl ? <a href={g.onlineUrl}>在线办理</a> : '暂不支持网上办理'],
    [
      '服务主题',
      g.events.length === 0
        ? '—'
        : g.events.map((e, i) => (
            <>
              {i > 0 ? '、' : ''}
              <a href={itemsHref({ event: e })}>{e}</a>
            </>
          )),
    ],
  ];
  return (
    <TableWrap label="基本信息">
      <table class="data sv-basic">
        <tbody>
          {rows.map(([label, value]) => (
            <tr>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Materials({ guide }: { guide: ServiceItemInput }) {
  if (guide.materials.length === 0) return <p>无需提交申请材料。</p>;
  return (
    <TableWrap label="申请材料">
      <table class="data sv-materials">
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">材料名称</th>
            <th scope="col">原件/复印件</th>
            <th scope="col">份数</th>
            <th scope="col">格式要求</th>
            <th scope="col">来源渠道</th>
            <th scope="col">必要性</th>
          </tr>
        </thead>
        <tbody>
          {guide.materials.map((m, i) => (
            <tr>
              <td>{i + 1}</td>
              <td>{m.name}</td>
              <td>{m.form}</td>
              <td>{m.copies === 0 ? '—' : m.copies}</td>
              <td>{dash(m.format)}</td>
              <td>{dash(m.source)}</td>
              <td>
                <NecessityText m={m} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function History({ data }: { data: GuideData }) {
  return (
    <TableWrap label="变更记录">
      <table class="data sv-history">
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">变化</th>
            <th scope="col">依据文件</th>
            <th scope="col">理由</th>
            <th scope="col">去向</th>
          </tr>
        </thead>
        <tbody>
          {data.history.map((c) => (
            <tr>
              <td>{c.on}</td>
              <td>{CHANGE_LABELS[c.kind]}</td>
              <td>{dash(c.document)}</td>
              <td>{c.reason}</td>
              <td>
                <Target change={c} targets={data.targets} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The guide's sections, shared by the page and its print view. */
function GuideBody({ data }: { data: GuideData }) {
  const g = data.guide;
  return (
    <>
      <h2 id="sv-basic">基本信息</h2>
      <BasicInfo data={data} />
      <h2 id="sv-conditions">受理条件</h2>
      <div class="sv-pre">{g.conditions || '无特别条件。'}</div>
      <h2 id="sv-materials">申请材料</h2>
      <Materials guide={g} />
      <h2 id="sv-steps">办理流程</h2>
      {g.steps.length === 0 ? (
        <p>—</p>
      ) : (
        <ol class="sv-steps">
          {g.steps.map((s) => (
            <li>{s}</li>
          ))}
        </ol>
      )}
      <h2 id="sv-faq">常见问题</h2>
      {g.faq.length === 0 ? (
        <p>暂无。</p>
      ) : (
        <dl class="guide">
          {g.faq.map((f) => (
            <>
              <dt>问：{f.q}</dt>
              <dd class="sv-pre">答：{f.a}</dd>
            </>
          ))}
        </dl>
      )}
      <h2 id="sv-history">变更记录</h2>
      <History data={data} />
    </>
  );
}

const SECTIONS = [
  ['sv-basic', '基本信息'],
  ['sv-conditions', '受理条件'],
  ['sv-materials', '申请材料'],
  ['sv-steps', '办理流程'],
  ['sv-faq', '常见问题'],
  ['sv-history', '变更记录'],
] as const;

const crumbsOf = (data: GuideData) => [HALL, { href: itemsHref({ agency: data.agency.code }), label: data.agency.name }];

export function GuidePage({ ctx, data, rating }: { ctx: PageContext; data: GuideData; rating?: RatingPanelData | undefined }) {
  const g = data.guide;
  return (
    <PublicLayout ctx={ctx} title={`${g.name} 办事指南`} crumbs={[...crumbsOf(data), { label: g.name }]}>
      <h1>{g.name}</h1>
      <p class="muted">办事指南 · {g.type} · {data.agency.name}</p>
      <OffListNotice data={data} />
      <p class="actions sv-actions">
        <a href={`${itemHref(g.code)}?print=1`}>打印办事指南</a>
        <a href={`${itemHref(g.code)}?checklist=1`}>材料清单（可勾选）</a>
        <a href={`/api/v1/service-items/${encodeURIComponent(g.code)}`}>JSON</a>
      </p>
      <nav class="sv-toc" aria-label="本页目录">
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <GuideBody data={data} />
      {rating ? <RatingPanel ctx={ctx} panel={rating} /> : null}
    </PublicLayout>
  );
}

/** The guide on its own: no navigation, narrow column, for paper. */
export function GuidePrintPage({ ctx, data, today }: { ctx: PageContext; data: GuideData; today: string }) {
  const g = data.guide;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${g.name} 办事指南 - 打印`}</title>
        <link rel="stylesheet" href="/static/site.css" />
      </head>
      <body class="print-view sv-print">
        <main id="main" class="wrap content">
          <p class="muted">
            {ctx.site.siteName} · 办事指南 · 打印日期 {today}
          </p>
          <h1>{g.name}</h1>
          <OffListNotice data={data} />
          <GuideBody data={data} />
          <p class="muted sv-screen-only">
            <a href={itemHref(g.code)}>返回办事指南</a>（使用浏览器的“打印”功能打印本页）
          </p>
        </main>
      </body>
    </html>
  );
}

/** 材料清单: one checkbox per material, ticked off at home; nothing is sent anywhere. */
export function ChecklistPage({ ctx, data }: { ctx: PageContext; data: GuideData }) {
  const g = data.guide;
  return (
    <PublicLayout ctx={ctx} title={`${g.name} 材料清单`} crumbs={[...crumbsOf(data), { href: itemHref(g.code), label: g.name }, { label: '材料清单' }]}>
      <h1>材料清单</h1>
      <p>
        事项：<a href={itemHref(g.code)}>{g.name}</a>（{data.agency.name}）
      </p>
      <OffListNotice data={data} />
      <div class="notice sv-print-hint">
        <p>逐项勾选已经备齐的材料。勾选只保存在本页面，不会提交。可以使用浏览器的“打印”功能打印本清单，带到办事现场核对。</p>
      </div>
      {g.materials.length === 0 ? (
        <p>本事项无需提交申请材料。</p>
      ) : (
        <fieldset class="sv-checklist">
          <legend>申请材料（共 {g.materials.length} 项，其中必要材料 {g.materials.filter((m) => necessity(m) === '必要').length} 项）</legend>
          <ul>
            {g.materials.map((m, i) => (
              <li class="check">
                <input type="checkbox" id={`sv-m-${i + 1}`} aria-describedby={`sv-m-${i + 1}-detail`} />
                <div>
                  <label for={`sv-m-${i + 1}`}>{m.name}</label>
                  <div class="hint" id={`sv-m-${i + 1}-detail`}>
                    {m.form}
                    {m.copies > 0 ? ` ${m.copies} 份` : ''}
                    {m.format ? ` · ${m.format}` : ''}
                    {m.source ? ` · 来源：${m.source}` : ''} · <NecessityText m={m} />
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <p class="sv-actions">
        <a href={`${itemHref(g.code)}?print=1`}>打印完整办事指南</a>
      </p>
    </PublicLayout>
  );
}
