import type { AgencyRow } from '../../platform/db/schema.js';
import { PublicLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { DeadlineRulesList, ReceiptDateTable, RequestContentsList } from '../../platform/views/statutory.js';
import type { AgencyNode } from '../model.js';

export function AgencyTreeList({ nodes, linkTo = (a) => `/agencies/${a.code}` }: { nodes: readonly AgencyNode[]; linkTo?: (a: AgencyRow) => string }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li>
          <a href={linkTo(n.agency)}>{n.agency.name}</a>
          {n.children.length > 0 ? <AgencyTreeList nodes={n.children} linkTo={linkTo} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function AgencyTreePage({ ctx, tree }: { ctx: PageContext; tree: readonly AgencyNode[] }) {
  return (
    <PublicLayout ctx={ctx} title="机构与政府信息公开指南" crumbs={[{ href: '/disclosure', label: '政府信息公开' }, { label: '机构与公开指南' }]}>
      <h1>机构与政府信息公开指南</h1>
      <p class="lead">
        按照《中华人民共和国政府信息公开条例》第十二条，各行政机关编制并公布本机关的政府信息公开指南。选择一个机构，查看其公开指南、工作机构和联系方式。
      </p>
      <div class="tree">
        <AgencyTreeList nodes={tree} />
      </div>
    </PublicLayout>
  );
}

function Contact({ a }: { a: AgencyRow }) {
  const rows: [string, string][] = [
    ['工作机构', a.officeName],
    ['办公地址', a.officeAddress],
    ['办公时间', a.officeHours],
    ['联系电话', a.phone],
    ['传真号码', a.fax],
    ['电子邮箱', a.email],
    ['通信地址', a.mailAddress],
    ['邮政编码', a.postcode],
  ];
  return (
    <dl class="guide">
      {rows
        .filter(([, v]) => v !== '')
        .map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      {a.webFormUrl ? (
        <>
          <dt>网上申请</dt>
          <dd>
            <a href={a.webFormUrl}>{a.webFormUrl}</a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

interface GuideProps {
  readonly ctx: PageContext;
  readonly agency: AgencyRow;
  readonly ancestors: readonly AgencyRow[];
  readonly children: readonly AgencyRow[];
}

/** 政府信息公开指南, generated from the agency's guide fields (条例 第十二条). */
export function AgencyGuidePage({ ctx, agency: a, ancestors, children }: GuideProps) {
  const parent = ancestors[0];
  const title = `${a.name}政府信息公开指南`;
  return (
    <PublicLayout
      ctx={ctx}
      title={title}
      crumbs={[
        { href: '/agencies', label: '机构与公开指南' },
        ...[...ancestors].reverse().map((p) => ({ href: `/agencies/${p.code}`, label: p.shortName })),
        { label: a.shortName },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">
        为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（国务院令第711号），编制本指南。需要获得{a.name}
        政府信息公开服务的公民、法人或者其他组织，可以阅读本指南。
      </p>
      <p>
        <a href={`/catalogue?agency=${a.code}`}>本机关政府信息公开目录</a> · <a href={`/agencies/${a.code}/columns`}>法定主动公开内容</a> ·{' '}
        <a href={`/feeds/${a.code}.atom`}>订阅（Atom）</a>
      </p>
      <h2>一、政府信息的分类与编排体系</h2>
      <p>{a.classification || '本机关的政府信息按主题分类、体裁和公开类别编排，每条信息赋予唯一的索引号。'}</p>
      <h2>二、获取政府信息的方式</h2>
      <h3>（一）主动公开</h3>
      <p>{a.howToObtain || '主动公开的政府信息通过本平台“政府信息公开”栏目发布。'}</p>
      <h3>（二）依申请公开</h3>
      <p>公民、法人或者其他组织可以向本机关申请获取主动公开以外的政府信息。申请应当采用书面形式（包括信件、数据电文），书写确有困难的，可以口头提出，由本机关代为填写。申请应当包括：</p>
      <RequestContentsList />
      <p>收到申请的时间按下列规则确定（条例 第三十一条）：</p>
      <ReceiptDateTable />
      <p>答复期限：</p>
      <DeadlineRulesList />
      <p>
        <a href={`/requests/new?agency=${encodeURIComponent(a.code)}`}>向本机关在线提出申请</a> · <a href={`/agencies/${encodeURIComponent(a.code)}/requests`}>本机关依申请公开办理情况（公开登记）</a>
      </p>
      <h2>三、政府信息公开工作机构</h2>
      <Contact a={a} />
      <h2>四、收费</h2>
      <p>{a.feePolicy || '本机关依申请提供政府信息，不收取费用。申请数量、频次明显超过合理范围的，按照国办函〔2020〕109号收取信息处理费。'}</p>
      <h2>五、监督和救济</h2>
      <p>
        公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向
        {parent ? `上一级行政机关（${parent.name}）或者` : ''}政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例 第五十一条）。
      </p>
      {children.length > 0 ? (
        <>
          <h2>下级机构</h2>
          <ul>
            {children.map((c) => (
              <li>
                <a href={`/agencies/${c.code}`}>{c.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="muted">本指南最近更新：{a.updatedAt.slice(0, 10)}</p>
    </PublicLayout>
  );
}
