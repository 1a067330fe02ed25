/** What is kept with a request: letters, attachments, appeals, and the link to proactive disclosure. */
import { formatSize } from '../../../catalog/present.js';
import type { RequestAppealRow } from '../../../platform/db/schema.js';
import { TableWrap } from '../../../platform/views/forms.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { LETTER_TITLES, type LetterKind } from '../../letters.js';
import { APPEAL_KIND_LABELS, APPEAL_KINDS, APPEAL_RESULT_LABELS, APPEAL_RESULTS, type AppealKind, type AppealResult } from '../../model.js';
import type { StaffRequestView } from '../../service.js';
import type { May } from './actions.js';
import { ActionForm, Area, Check, Input, Select, valueIn, type FormError } from './fields.js';

interface Props {
  readonly ctx: PageContext;
  readonly view: StaffRequestView;
  readonly today: string;
  readonly may: May;
  readonly error: FormError | undefined;
}

export function LettersSection({ view }: { view: StaffRequestView }) {
  const id = view.request.id;
  return (
    <section aria-labelledby="rqs-letters">
      <h2 id="rqs-letters">文书</h2>
      {view.letters.length === 0 ? <p>尚未生成文书。</p> : null}
      <ul>
        {view.letters.map((l) => (
          <li>
            <a href={`/staff/requests/${id}/letters/${l.id}`}>{LETTER_TITLES[l.kind as LetterKind] ?? l.kind}</a> {l.number}，{l.issuedOn}
            {l.toApplicant ? '' : '（致被征求意见方，不向申请人提供）'}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AttachmentsSection({ ctx, view, may, error }: Props) {
  const id = view.request.id;
  return (
    <section aria-labelledby="rqs-attachments">
      <h2 id="rqs-attachments">材料</h2>
      {view.attachments.length === 0 ? <p>没有材料。</p> : null}
      <ul>
        {view.attachments.map((a) => (
          <li>
            <a href={`/staff/requests/${id}/attachments/${a.id}`}>{a.fileName}</a>（{formatSize(a.size)}）{a.forApplicant ? <span class="badge ok">提供给申请人</span> : <span class="badge">内部材料</span>}{' '}
            <span class="digest">SHA-256 {a.sha256}</span>
          </li>
        ))}
      </ul>
      {may.handle ? (
        <ActionForm ctx={ctx} requestId={id} form="attachments" action="attachments" title="添加材料" submit="上传" error={error} multipart secondary>
          <div class="field">
            <label for="attachments-file">文件</label>
            <div class="hint" id="attachments-file-hint">
              PDF、OFD、DOC/DOCX、XLS/XLSX、PNG、JPEG，单个不超过20 MB；按文件内容识别类型
            </div>
            <input id="attachments-file" type="file" name="file" required aria-describedby="attachments-file-hint" />
          </div>
          <Check form="attachments" name="forApplicant" label="提供给申请人（申请人查询时可下载）" checked={false} />
        </ActionForm>
      ) : null}
    </section>
  );
}

function AppealFields({ form, error, appeal }: { form: string; error: FormError | undefined; appeal?: RequestAppealRow }) {
  const v = valueIn(error, form);
  return (
    <>
      <Select form={form} name="kind" label="类型" value={v('kind', appeal?.kind ?? '')} required blank="请选择" options={APPEAL_KINDS.map((k) => ({ value: k, label: APPEAL_KIND_LABELS[k] }))} />
      <Input form={form} name="filedOn" label="申请复议或起诉日期" type="date" value={v('filedOn', appeal?.filedOn ?? '')} required />
      <Select form={form} name="result" label="结果" value={v('result', appeal?.result ?? 'pending')} required options={APPEAL_RESULTS.map((k) => ({ value: k, label: APPEAL_RESULT_LABELS[k] }))} />
      <Input form={form} name="concludedOn" label="审结日期" type="date" value={v('concludedOn', appeal?.concludedOn ?? '')} hint="尚未审结的留空" />
      <Area form={form} name="note" label="备注" value={v('note', appeal?.note ?? '')} />
    </>
  );
}

/** 行政复议 / 行政诉讼 about the reply (annual-report table 四). */
export function AppealsSection({ ctx, view, may, error }: Props) {
  const r = view.request;
  if (r.state !== 'closed' && view.appeals.length === 0) return null;
  return (
    <section aria-labelledby="rqs-appeals">
      <h2 id="rqs-appeals">行政复议与行政诉讼</h2>
      {view.appeals.length === 0 ? (
        <p>没有登记。</p>
      ) : (
        <TableWrap label="复议诉讼">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">类型</th>
                <th scope="col">申请或起诉日期</th>
                <th scope="col">结果</th>
                <th scope="col">审结日期</th>
                <th scope="col">备注</th>
              </tr>
            </thead>
            <tbody>
              {view.appeals.map((a) => (
                <tr>
                  <td>{APPEAL_KIND_LABELS[a.kind as AppealKind] ?? a.kind}</td>
                  <td>{a.filedOn}</td>
                  <td>{APPEAL_RESULT_LABELS[a.result as AppealResult] ?? a.result}</td>
                  <td>{a.concludedOn ?? '—'}</td>
                  <td>{a.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {may.handle
        ? view.appeals.map((a) => (
            <details class="rqs-edit" open={error?.form === `appeal-${a.id}`}>
              <summary>
                更新：{APPEAL_KIND_LABELS[a.kind as AppealKind] ?? a.kind}（{a.filedOn}）
              </summary>
              <ActionForm ctx={ctx} requestId={r.id} form={`appeal-${a.id}`} action={`appeals/${a.id}`} title="更新结果" submit="保存" error={error}>
                <AppealFields form={`appeal-${a.id}`} error={error} appeal={a} />
              </ActionForm>
            </details>
          ))
        : null}
      {may.handle && r.state === 'closed' ? (
        <ActionForm ctx={ctx} requestId={r.id} form="appeals" action="appeals" title="登记行政复议或行政诉讼" submit="登记" error={error}>
          <AppealFields form="appeals" error={error} />
        </ActionForm>
      ) : null}
    </section>
  );
}

/** 条例 第四十四条: link the reply to the record it was moved into proactive disclosure as. */
export function ReleaseSection({ ctx, view, may, error }: Props) {
  const r = view.request;
  const disclosed = r.state === 'closed' && r.outcome !== null && /^(disclosed|partial)/.test(r.outcome);
  if (!disclosed) return null;
  if (r.releasedRecordId !== null) {
    return (
      <p class="notice">
        已转为主动公开：<a href={`/staff/records/${r.releasedRecordId}`}>查看主动公开信息</a>
      </p>
    );
  }
  if (!r.releaseConsent) return <p class="hint">答复时未选择转为主动公开（条例第四十四条）。</p>;
  if (!may.handle) return null;
  const v = valueIn(error, 'release');
  return (
    <ActionForm ctx={ctx} requestId={r.id} form="release" action="release" title="转为主动公开（条例第四十四条）" submit="关联" error={error} intro="先在“主动公开”中发布该信息（经审核），再填写其索引号与本申请关联；公开登记将指向该信息。">
      <Input form="release" name="indexNumber" label="主动公开信息的索引号" value={v('indexNumber')} required />
    </ActionForm>
  );
}
