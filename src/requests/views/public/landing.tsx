/**
 * 依申请公开 landing page: what it is, who may apply, what to write, how long it takes, what it
 * costs, how to follow it; the due-date calculator; and each agency's form and public register.
 */
import { TableWrap } from '../../../platform/views/forms.js';
import { PublicLayout } from '../../../platform/views/layout.js';
import { ReceiptDateTable } from '../../../platform/views/statutory.js';
import { FEE_RULES } from '../../../platform/views/statutory-texts.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { INDENT, type AgencyGroup } from './agency-options.js';

export interface DueDateAnswer {
  readonly received: string;
  readonly correction: string;
  readonly due: string;
  readonly extended: string;
  /** holidays skipped and 调休 days counted (weekends left out) */
  readonly skipped: readonly string[];
  readonly provisionalYears: readonly number[];
}

function Calculator({ ctx, answer, problem }: { ctx: PageContext; answer?: DueDateAnswer | undefined; problem?: string | undefined }) {
  return (
    <section aria-labelledby="calculator">
      <h2 id="calculator">答复期限计算</h2>
      <p>输入行政机关收到申请的日期，计算法定答复期限。工作日按国务院公布的法定节假日和调休安排计算，收到申请的当日不计入。</p>
      <form method="get" action="/requests#calculator" class="filters">
        <div class="field">
          <label for="f-received">收到申请之日</label>
          <input id="f-received" type="date" name="received" value={answer?.received ?? ctx.query.received ?? ''} required aria-invalid={problem ? 'true' : undefined} />
        </div>
        <button type="submit">计算</button>
      </form>
      {problem ? (
        <p class="error-summary" role="alert">
          {problem}
        </p>
      ) : null}
      {answer ? (
        <div class="notice" role="status">
          <dl class="guide">
            <dt>补正告知期限（7个工作日）</dt>
            <dd>{answer.correction}</dd>
            <dt>答复期限（20个工作日）</dt>
            <dd>
              <strong>{answer.due}</strong>
            </dd>
            <dt>经批准延长后的最长期限（再加20个工作日）</dt>
            <dd>{answer.extended}</dd>
          </dl>
          {answer.provisionalYears.length > 0 ? (
            <p>
              <span class="badge warn">暂定</span> {answer.provisionalYears.join('、')}年的节假日安排尚未公布，该年份内的日期暂按周末计算，公布后可能变化。
            </p>
          ) : null}
          {answer.skipped.length > 0 ? (
            <>
              <p>除周六、周日外，计算时跳过的法定节假日和计入的调休上班日：</p>
              <ul>
                {answer.skipped.map((s) => (
                  <li>{s}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Agencies({ groups }: { groups: readonly AgencyGroup[] }) {
  return (
    <TableWrap label="各机关的申请入口和公开登记">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">机关</th>
            <th scope="col">在线申请</th>
            <th scope="col">办理情况公开登记</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody>
            {g.options.map((o) => (
              <tr>
                <th scope="row" class="rq-agency">
                  <a href={`/agencies/${o.code}`}>{`${INDENT.repeat(g.depth)}${o.label}`}</a>
                </th>
                <td>
                  <a href={`/requests/new?agency=${encodeURIComponent(o.code)}`} aria-label={`向${o.label.trim()}申请`}>
                    申请
                  </a>
                </td>
                <td>
                  <a href={`/agencies/${o.code}/requests`} aria-label={`${o.label.trim()}办理情况公开登记`}>
                    公开登记
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </TableWrap>
  );
}

interface LandingProps {
  readonly ctx: PageContext;
  readonly groups: readonly AgencyGroup[];
  readonly answer?: DueDateAnswer | undefined;
  readonly problem?: string | undefined;
}

export function RequestsLandingPage({ ctx, groups, answer, problem }: LandingProps) {
  return (
    <PublicLayout ctx={ctx} title="依申请公开" crumbs={[{ label: '依申请公开' }]}>
      <h1>依申请公开</h1>
      <p class="lead">
        除行政机关主动公开的政府信息外，公民、法人或者其他组织可以向各级人民政府和县级以上人民政府部门申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。
      </p>
      <div class="card-grid">
        <section class="card">
          <h2>
            <a href="/requests/new">在线申请</a>
          </h2>
          <p>填写申请表，提交后立即得到申请编号和查询码。</p>
        </section>
        <section class="card">
          <h2>
            <a href="/requests/track">查询办理进度</a>
          </h2>
          <p>凭申请编号和查询码查看进度、答复期限和答复文书。</p>
        </section>
        <section class="card">
          <h2>
            <a href="#agencies">办理情况公开登记</a>
          </h2>
          <p>各机关已办结申请的编号、摘要、结果和是否按期，不含申请人信息。</p>
        </section>
      </div>
      <h2>谁可以申请</h2>
      <p>公民、法人或者其他组织都可以申请，不需要说明申请的用途。请向制作或者保存该信息的机关提出：行政机关制作的信息由制作机关负责公开，从其他机关获取的信息由保存机关负责公开（条例 第十条）。</p>
      <h2>申请要写明什么</h2>
      <ul>
        <li>申请人的姓名或者名称、身份证明、联系方式；</li>
        <li>所需政府信息的名称、文号，或者便于查询的其他特征性描述；</li>
        <li>获取信息的形式（纸质或电子）和方式（邮寄、当面领取、电子邮件或在线查看）（条例 第二十九条）。</li>
      </ul>
      <p>一份申请只写一项信息（一事一申请）。内容不明确的，受理机关会在收到申请之日起7个工作日内一次性告知您补正（条例 第三十条）。</p>
      <h2>多长时间答复</h2>
      <ul>
        <li>能够当场答复的，当场答复；不能当场答复的，自收到申请之日起20个工作日内答复（条例 第三十三条）。</li>
        <li>需要延长的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过20个工作日。</li>
        <li>征求第三方或者其他机关意见所需的时间不计算在内；补正的，自收到补正后的申请之日起重新计算。</li>
        <li>通过本平台网上提交的，提交之日就是收到申请之日（条例 第三十一条）。</li>
      </ul>
      <h3>收到申请之日怎样确定</h3>
      <ReceiptDateTable />
      <h2>是否收费</h2>
      <p>不收费。但申请的数量、频次明显超过合理范围的，行政机关可以收取信息处理费，并会事先书面通知您（条例 第四十二条，国办函〔2020〕109号）。</p>
      <ul>
        {FEE_RULES.map((r) => (
          <li>{r}</li>
        ))}
      </ul>
      <h2>怎样查看进度</h2>
      <p>
        提交后您会得到申请编号和查询码。在<a href="/requests/track">进度查询</a>页输入它们，可以看到办理状态、答复期限及其计算过程、各项告知书和答复书。查询码只显示一次，请妥善保存。
      </p>
      <h2>对答复不满意怎么办</h2>
      <p>认为行政机关在政府信息公开工作中侵犯您的合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例 第五十一条）。</p>
      <Calculator ctx={ctx} answer={answer} problem={problem} />
      <h2 id="agencies">各机关的申请入口和公开登记</h2>
      <Agencies groups={groups} />
    </PublicLayout>
  );
}
