import type { AgencyRow } from '../../platform/db/schema.js';
import { SelectField, TextArea, TextField } from '../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { CATEGORIES, GENRES, GROUND_CODES, GROUNDS, INTERPRETATION_KINDS, MODES, STATUTORY_ITEMS, TOPIC_VALUES, VALIDITIES } from '../taxonomy.js';

export type RecordFormValues = Record<string, string | undefined>;

const options = (values: readonly string[], blank?: string) => [...(blank !== undefined ? [{ value: '', label: blank }] : []), ...values.map((v) => ({ value: v, label: v }))];

interface RecordFormProps {
  readonly ctx: PageContext;
  readonly title: string;
  readonly action: string;
  readonly values: RecordFormValues;
  readonly problems?: readonly string[];
  /** Agencies the editor may publish for (only when creating). */
  readonly agencies?: readonly AgencyRow[];
  /** A revision asks for its reason and, when the scan found something, an override. */
  readonly revision?: boolean;
}

/** The record form shared by new drafts, draft edits and revisions of published records. */
export function RecordFormPage({ ctx, title, action, values, problems, agencies, revision }: RecordFormProps) {
  const v = (k: string) => values[k] ?? '';
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <ErrorSummary problems={problems} />
      <form method="post" action={action} class="stack">
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>基本信息</legend>
          {agencies ? <SelectField name="agency" label="发布机构" value={v('agency')} required options={agencies.map((a) => ({ value: a.code, label: a.name }))} /> : null}
          <TextField name="title" label="标题" value={v('title')} required />
          <TextField name="docNumber" label="文号" value={v('docNumber')} hint="如 岚教发〔2026〕12号；没有文号的留空" />
          <TextField name="issuers" label="联合发文机关代码" value={v('issuers')} hint="发布机构自动列为第一发文机关；联合发文时填写其他机关代码，用逗号分隔" />
          <TextField name="writtenOn" label="成文日期" type="date" value={v('writtenOn')} required />
          <TextField name="formedOn" label="形成或变更日期" type="date" value={v('formedOn')} required hint="条例第二十六条：应自此日起20个工作日内公开" />
        </fieldset>
        <fieldset>
          <legend>分类</legend>
          <SelectField name="topic" label="主题分类" value={v('topic')} required options={TOPIC_VALUES.map((t) => ({ value: t, label: t.replace('\\', ' / ') }))} />
          <SelectField name="genre" label="体裁" value={v('genre')} required options={options(GENRES)} />
          <SelectField name="category" label="公开类别（五公开）" value={v('category')} required options={options(CATEGORIES)} />
          <SelectField name="statutoryItem" label="法定主动公开内容（条例第二十条）" value={v('statutoryItem')} options={[{ value: '', label: '（不属于所列事项）' }, ...STATUTORY_ITEMS.map((s, i) => ({ value: String(i + 1), label: `${i + 1}. ${s}` }))]} />
          <SelectField name="validity" label="有效性" value={v('validity') || '有效'} options={options(VALIDITIES)} />
          <TextField name="replacedBy" label="替代本文件的文件索引号" value={v('replacedBy')} hint="有效性为已修订或废止时填写" />
          <TextField name="keywords" label="关键词" value={v('keywords')} hint="用顿号或逗号分隔，最多10个" />
        </fieldset>
        <fieldset>
          <legend>公开方式（以公开为常态、不公开为例外）</legend>
          {revision ? null : (
            <>
              <SelectField name="mode" label="公开方式" value={v('mode') || '主动公开'} options={options(MODES)} />
              <SelectField name="ground" label="不主动公开的法定理由" value={v('ground')} options={[{ value: '', label: '（主动公开无需填写）' }, ...GROUND_CODES.map((g) => ({ value: g, label: `${GROUNDS[g].article}：${GROUNDS[g].label}` }))]} />
              <TextArea name="groundReason" label="具体理由" value={v('groundReason')} rows={3} hint="依申请公开或不予公开时必填，审核人员将逐项确认" />
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>政策解读</legend>
          <div class="check">
            <input type="checkbox" id="f-needsInterpretation" name="needsInterpretation" value="1" checked={v('needsInterpretation') === '1'} />
            <label for="f-needsInterpretation">本文件为重大政策，须与解读同步发布</label>
          </div>
          <TextField name="interprets" label="所解读政策的索引号（体裁为“解读”时填写）" value={v('interprets')} />
          <SelectField name="interpretationKind" label="解读形式" value={v('interpretationKind')} options={options(INTERPRETATION_KINDS, '（非解读）')} />
          <TextField name="videoUrl" label="新闻发布会视频链接" type="url" value={v('videoUrl')} />
        </fieldset>
        <TextArea name="bodyHtml" label="正文" value={v('bodyHtml')} rows={16} hint="可使用段落、标题、列表、表格和链接；脚本和样式会被自动删除" />
        {revision ? (
          <fieldset>
            <legend>修订</legend>
            <TextArea name="reason" label="修订原因（将在版本记录中公开）" value={v('reason')} rows={2} required />
            <TextArea name="overrideReason" label="发布前检查放行理由（检查发现问题时必填）" value={v('overrideReason')} rows={2} />
          </fieldset>
        ) : null}
        <button type="submit">{revision ? '发布修订版本' : '保存草稿'}</button>
      </form>
    </StaffLayout>
  );
}
