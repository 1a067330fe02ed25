/** 进度查询: the applicant enters the tracking number and the query code. */
import { CsrfField, PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { Input, type FormValues } from './fields.js';
import type { FieldProblems } from './problems.js';

/** The same words for a wrong number and a wrong code, so neither can be probed. */
export const NOT_FOUND_MESSAGE = '申请编号或查询码不正确，请核对后重新输入。';

interface TrackPageProps {
  readonly ctx: PageContext;
  readonly values: FormValues;
  readonly problems?: FieldProblems;
  /** the neutral "wrong number or code" message */
  readonly failed?: boolean;
  /** shown when the visitor was sent here because their viewing time ran out */
  readonly expired?: boolean;
}

export function TrackPage({ ctx, values, problems = {}, failed = false, expired = false }: TrackPageProps) {
  const refused = failed || Object.keys(problems).length > 0;
  return (
    <PublicLayout ctx={ctx} title={refused ? '错误：申请进度查询' : '申请进度查询'} crumbs={[{ href: '/requests', label: '依申请公开' }, { label: '进度查询' }]}>
      <h1>申请进度查询</h1>
      <p class="lead">输入提交申请时得到的申请编号和查询码，查看办理进度、答复期限和答复文书。</p>
      {failed ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" id="error-summary">
          <h2 id="error-summary-title">未能查询</h2>
          <p>{NOT_FOUND_MESSAGE}</p>
        </div>
      ) : null}
      {expired && !refused ? (
        <p class="notice" role="status">
          为保护您的信息，查看页面30分钟后需要重新输入查询码。
        </p>
      ) : null}
      <form method="post" action="/requests/track" class="stack rq-form" noValidate>
        <CsrfField ctx={ctx} />
        <Input
          name="trackingNumber"
          label="申请编号"
          required
          autoComplete="off"
          spellcheck={false}
          maxLength={60}
          values={values}
          problems={problems}
          hint="例如 YSQ-city-2026-00001，见申请提交成功页面或受理回执。"
        />
        <Input name="queryCode" label="查询码" required autoComplete="off" spellcheck={false} maxLength={20} values={values} problems={problems} hint="10位字母和数字，不区分大小写。" />
        <p>
          <button type="submit">查询</button>
        </p>
      </form>
      <p class="muted">遗失查询码的，请携带身份证明联系受理机关的政府信息公开工作机构查询。</p>
    </PublicLayout>
  );
}
