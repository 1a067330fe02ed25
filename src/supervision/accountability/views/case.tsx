/**
 * One 责任追究 case: what failed (linked to its page), the responsible agency and officer, the
 * follow-ups so far, and for supervisors while it is open the form that records the next one.
 */
import { TableWrap } from '../../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { CASE_ACTION_LABELS, CASE_ACTIONS, CASE_KIND_BASIS, CASE_KIND_LABELS, isCaseAction, isCaseKind, rectificationDue } from '../model.js';
import type { CaseView } from '../service.js';
import { caseHref, statusBadge } from './list.js';

interface Props {
  readonly ctx: PageContext;
  readonly view: CaseView;
  readonly today: string;
  readonly values?: Readonly<Record<string, string>> | undefined;
  readonly problems?: readonly string[] | undefined;
  readonly notice?: string | undefined;
}

const ACTION_HINTS: Readonly<Record<string, string>> = {
  rectification_ordered: '督促整改：填写整改期限，问题仍为待处理',
  rectified: '整改完成：填写完成日期和整改情况',
  criticised: '通报批评（条例第四十七条）',
  referred: '移送纪检监察机关（条例第五十二、五十三条），须填写说明',
  dismissed: '不予追究，须填写理由',
  note: '备注：记录核查情况，不改变状态',
};

function ActionForm({ ctx, id, today, values }: { ctx: PageContext; id: number; today: string; values: Readonly<Record<string, string>> }) {
  return (
    <form method="post" action={`${caseHref(id)}/actions`} class="stack">
      <CsrfField ctx={ctx} />
      <div class="field">
        <label for="acc-action">
          处理方式<span aria-hidden="true"> *</span>
        </label>
        <select id="acc-action" name="action" required aria-describedby="acc-action-hint">
          {CASE_ACTIONS.map((a) => (
            <option value={a} selected={values.action === a}>
              {CASE_ACTION_LABELS[a]}
            </option>
          ))}
        </select>
        <div class="hint" id="acc-action-hint">
          {CASE_ACTIONS.map((a) => ACTION_HINTS[a]).join('；')}。
        </div>
      </div>
      <div class="field">
        <label for="acc-acted-on">
          处理日期<span aria-hidden="true"> *</span>
        </label>
        <input id="acc-acted-on" name="actedOn" type="date" required max={today} value={values.actedOn ?? today} />
      </div>
      <div class="field">
        <label for="acc-due-on">整改期限</label>
        <div class="hint" id="acc-due-on-hint">
          仅督促整改时填写
        </div>
        <input id="acc-due-on" name="dueOn" type="date" value={values.dueOn ?? ''} aria-describedby="acc-due-on-hint" />
      </div>
      <div class="field">
        <label for="acc-note">说明</label>
        <div class="hint" id="acc-note-hint">
          整改情况、通报文号、移送说明或不予追究的理由
        </div>
        <textarea id="acc-note" name="note" rows={4} aria-describedby="acc-note-hint">
          {values.note ?? ''}
        </textarea>
      </div>
      <button type="submit">记录</button>
    </form>
  );
}

export function AccountabilityCasePage({ ctx, view, today, values, problems, notice }: Props) {
  const c = view.case;
  const title = `问题线索 第 ${c.id} 号`;
  const kind = isCaseKind(c.kind) ? c.kind : null;
  const due = rectificationDue(c.status, view.actions, today);
  return (
    <StaffLayout ctx={ctx} title={title}>
      <p>
        <a href="/staff/accountability">← 责任追究</a>
      </p>
      <h1>{title}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      <dl class="guide">
        <dt>问题类型</dt>
        <dd>{kind ? CASE_KIND_LABELS[kind] : c.kind}</dd>
        <dt>依据</dt>
        <dd>{kind ? CASE_KIND_BASIS[kind] : '—'}</dd>
        <dt>情况</dt>
        <dd>
          {c.summary}（<a href={view.objectHref}>查看原件</a>）
        </dd>
        <dt>责任单位</dt>
        <dd>{c.agencyName}</dd>
        <dt>责任人</dt>
        <dd>{c.responsibleName ?? '审计记录中未找到经办人'}</dd>
        <dt>发现日期</dt>
        <dd>{c.detectedOn}</dd>
        <dt>状态</dt>
        <dd>
          {statusBadge(c.status)}
          {c.closedOn ? `（${c.closedOn}）` : ''}
        </dd>
        {due ? (
          <>
            <dt>整改期限</dt>
            <dd>
              整改期限 {due.dueOn}
              {due.overdue ? <strong class="rqs-overdue">（已超过整改期限，尚未整改完成）</strong> : null}
            </dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="acc-history">
        <h2 id="acc-history">处理记录</h2>
        {view.actions.length === 0 ? (
          <p>尚无处理记录。</p>
        ) : (
          <TableWrap label="处理记录">
            <table class="data">
              <caption class="visually-hidden">处理记录：日期、处理方式、整改期限、说明、记录人</caption>
              <thead>
                <tr>
                  <th scope="col">日期</th>
                  <th scope="col">处理方式</th>
                  <th scope="col">整改期限</th>
                  <th scope="col">说明</th>
                  <th scope="col">记录人</th>
                </tr>
              </thead>
              <tbody>
                {view.actions.map((a) => (
                  <tr>
                    <th scope="row">{a.actedOn}</th>
                    <td>{isCaseAction(a.action) ? CASE_ACTION_LABELS[a.action] : a.action}</td>
                    <td>{a.dueOn ?? '—'}</td>
                    <td>{a.note || '—'}</td>
                    <td>{a.byName ?? '系统'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      {view.mayAct ? (
        <section aria-labelledby="acc-act">
          <h2 id="acc-act">记录处理情况</h2>
          <ActionForm ctx={ctx} id={c.id} today={today} values={values ?? {}} />
        </section>
      ) : null}
    </StaffLayout>
  );
}
