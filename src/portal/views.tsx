import { TableWrap } from '../platform/views/forms.js';
import type { AgencyRow } from '../platform/db/schema.js';
import { PublicLayout } from '../platform/views/layout.js';
import type { PageContext } from '../platform/views/page-context.js';
import { PROACTIVE_SCOPE } from '../platform/views/statutory-texts.js';

export interface LatestRecord {
  readonly id: number;
  readonly title: string;
  readonly publishedOn: string;
  readonly agency: string;
}

export function HomePage({ ctx, governments, agencyCount, latest }: { ctx: PageContext; governments: readonly AgencyRow[]; agencyCount: number; latest: readonly LatestRecord[] }) {
  return (
    <PublicLayout ctx={ctx} title="首页">
      <h1>政务公开</h1>
      <p class="lead">
        以公开为常态、不公开为例外。本平台集中发布{governments[0]?.name ?? '本级政府'}及其部门、下级政府的政府信息，受理政府信息公开申请，提供办事指南和互动交流渠道。
      </p>
      <div class="card-grid">
        <section class="card">
          <h2>
            <a href="/disclosure">政府信息公开</a>
          </h2>
          <p>政府信息公开目录、公开指南、公开制度和法定主动公开内容。</p>
        </section>
        <section class="card">
          <h2>
            <a href="/requests">依申请公开</a>
          </h2>
          <p>如何申请获取政府信息，答复期限怎样计算，收费标准是什么。</p>
        </section>
        <section class="card">
          <h2>
            <a href="/agencies">机构与公开指南</a>
          </h2>
          <p>共 {agencyCount} 个机构，每个机构的公开工作机构、地址、电话和获取信息的方式。</p>
        </section>
        <section class="card">
          <h2>
            <a href="/services">办事服务</a>
          </h2>
          <p>按主题、部门查找办事事项和办事指南，查看权责清单的清理情况和行政许可、行政处罚结果公示（双公示）。</p>
        </section>
        <section class="card">
          <h2>
            <a href="/participation">互动交流</a>
          </h2>
          <p>咨询、投诉和监督政务公开工作的渠道。</p>
        </section>
        <section class="card">
          <h2>
            <a href="/api/docs">开放数据接口</a>
          </h2>
          <p>以 JSON 格式获取机构、公开指南等数据，供社会各界开发利用。</p>
        </section>
      </div>
      <h2>最新公开</h2>
      {latest.length === 0 ? <p>暂无公开信息。</p> : null}
      <ul class="record-list">
        {latest.map((r) => (
          <li>
            <a href={`/records/${r.id}`}>{r.title}</a>
            <span class="muted">
              {' '}
              {r.agency} · {r.publishedOn}
            </span>
          </li>
        ))}
      </ul>
      <p>
        <a href="/catalogue">查看政府信息公开目录</a>
      </p>
      <h2>各级人民政府</h2>
      <ul>
        {governments.map((g) => (
          <li>
            <a href={`/agencies/${g.code}`}>{g.name}</a>
          </li>
        ))}
      </ul>
    </PublicLayout>
  );
}

export function DisclosurePage({ ctx }: { ctx: PageContext }) {
  return (
    <PublicLayout ctx={ctx} title="政府信息公开" crumbs={[{ label: '政府信息公开' }]}>
      <h1>政府信息公开</h1>
      <div class="card-grid">
        <section class="card">
          <h2>
            <a href="/agencies">政府信息公开指南</a>
          </h2>
          <p>各机构公开信息的分类、获取方式和工作机构联系方式。</p>
        </section>
        <section class="card">
          <h2>
            <a href="/catalogue">政府信息公开目录</a>
          </h2>
          <p>按机构、主题、公开类别、体裁和年份浏览主动公开的政府信息，附政策解读和版本记录。</p>
        </section>
        <section class="card">
          <h2>
            <a href="#system">政府信息公开制度</a>
          </h2>
          <p>《中华人民共和国政府信息公开条例》（国务院令第711号）。</p>
        </section>
        <section class="card">
          <h2>
            <a href="#scope">法定主动公开内容</a>
          </h2>
          <p>条例第二十条规定各行政机关应当主动公开的十五类信息。</p>
        </section>
      </div>
      <h2 id="system">政府信息公开制度</h2>
      <p>
        《中华人民共和国政府信息公开条例》于2019年4月3日修订公布（国务院令第711号），自2019年5月15日起施行。行政机关公开政府信息，坚持以公开为常态、不公开为例外，遵循公正、公平、合法、便民的原则（第五条）。
      </p>
      <p>
        属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开（第二十六条）。依法确定为国家秘密、法律行政法规禁止公开、公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开（第十四条）。
      </p>
      <h2 id="scope">法定主动公开内容</h2>
      <p>行政机关应当依照条例第二十条的规定，主动公开本行政机关的下列政府信息：</p>
      <ol>
        {PROACTIVE_SCOPE.map((s) => (
          <li>{s}</li>
        ))}
      </ol>
    </PublicLayout>
  );
}

export interface OpenConsultation {
  readonly title: string;
  readonly url: string;
  readonly closesOn: string;
  readonly agency: { readonly name: string };
}

export function ContactsPage({ ctx, agencies, open }: { ctx: PageContext; agencies: readonly AgencyRow[]; open: readonly OpenConsultation[] }) {
  const title = '互动交流';
  return (
    <PublicLayout ctx={ctx} title={title} crumbs={[{ label: title }]}>
      <h1>{title}</h1>
      <p class="lead">
        参与政策制定、对政府信息公开工作提出意见建议和投诉，查看各机关的工作考核和社会评议结果。认为行政机关在政府信息公开工作中侵犯合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例 第五十一条）。
      </p>
      {open.length > 0 ? (
        <section aria-labelledby="open-consultations">
          <h2 id="open-consultations">正在征求意见</h2>
          <ul>
            {open.map((c) => (
              <li>
                <a href={c.url}>{c.title}</a>（{c.agency.name}，截止 {c.closesOn}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div class="card-grid">
        <section class="card">
          <h2>
            <a href="/consultations">意见征集</a>
          </h2>
          <p>政策文件草案公开征求意见，可以对全文或者具体条款提出意见；征集结束后公布意见采纳情况。</p>
        </section>
        <section class="card">
          <h2>
            <a href="/messages">留言与投诉</a>
          </h2>
          <p>
            向机关咨询、提出建议，或者投诉机关未依法履行政府信息公开职责（条例 第四十七条）。<a href="/messages/new">我要留言</a> · <a href="/messages/track">查询办理结果</a>
          </p>
        </section>
        <section class="card">
          <h2>
            <a href="/assessment">考核评议</a>
          </h2>
          <p>各机关政府信息公开工作考核、社会评议结果（条例 第四十六条）。</p>
        </section>
      </div>
      <h2>机构联系方式</h2>
      <TableWrap label="机构联系方式">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">机构</th>
              <th scope="col">电子邮箱</th>
              <th scope="col">通信地址</th>
              <th scope="col">电话</th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr>
                <td>
                  <a href={`/agencies/${a.code}`}>{a.name}</a>
                </td>
                <td>{a.email}</td>
                <td>{`${a.mailAddress} ${a.postcode}`}</td>
                <td>{a.phone}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </PublicLayout>
  );
}
