/**
 * The two input forms of a report page: table 二's figures (the template's own row and column
 * words, from TABLE2_BLOCKS) with the 信息处理费 collected outside the platform, and the text
 * sections. The page carries several forms, so ids are prefixed per form; a refused save shows
 * its problems above that form, each linked to its field, and the field's own message below it
 * (WCAG 3.3.1).
 */
import { CsrfField } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { formatWanYuan } from '../../export.js';
import { SECTION_KEYS, SECTION_LABELS, type ManualFigures, type SectionKey } from '../../inputs.js';
import type { DecisionCounts, DocumentCountsByKind } from '../../store.js';
import { TABLE2_BLOCKS } from '../../model.js';

export type FigureName = keyof ManualFigures;
export type FormValues = Readonly<Record<string, string | undefined>>;

/** A refused save: which form, the problems by field (and those of no field), what was typed. */
export interface FormError {
  readonly form: 'figures' | 'sections' | 'record';
  readonly general: readonly string[];
  readonly byField: Readonly<Record<string, readonly string[]>>;
  readonly values: FormValues;
}

/** The manualSchema fields of each table 二 row, in the order of the block's value columns. */
const ROW_FIELDS: Readonly<Record<(typeof TABLE2_BLOCKS)[number]['rows'][number]['key'], readonly FigureName[]>> = {
  rules: ['rulesMade', 'rulesRepealed', 'rulesInForce'],
  normativeDocuments: ['normMade', 'normRepealed', 'normInForce'],
  licensing: ['licensing'],
  penalties: ['penalties'],
  enforcement: ['enforcement'],
  feesTenThousandYuan: ['feesTenThousandYuan'],
};

interface FigureField {
  readonly name: FigureName;
  readonly label: string;
  readonly hint?: string;
  readonly decimal?: boolean;
}

const FEES_OUTSIDE: FigureField = {
  name: 'feesCollectedOutsideYuan',
  label: '平台外收取的信息处理费（元）',
  hint: '本年度未通过本平台收费通知收取的信息处理费，以元为单位的整数。“六、其他需要报告的事项”的草稿文字按平台内外收取的合计金额生成。',
};

/** Where a table 二 figure comes from, for the fields whose source is not obvious from the label. */
const FIELD_HINTS: Partial<Readonly<Record<FigureName, string>>> = {
  licensing: '平台统计为“双公示”中决定日期在本年度的行政许可决定数（含已过公示期的）。',
  penalties: '平台统计为“双公示”中决定日期在本年度的行政处罚决定数（含已过公示期的）。',
  enforcement: '平台不掌握行政强制决定，请填写本年处理决定数量。',
  feesTenThousandYuan: '单位：万元，最多4位小数（即精确到1元），如 12.5 或 0.0350。',
};

/** Table 二's fields grouped by the template's blocks (第二十条第（一）项 …), in template order. */
export const FIGURE_GROUPS: readonly { legend: string; fields: readonly FigureField[] }[] = [
  ...TABLE2_BLOCKS.map((block) => ({
    legend: `${block.item}`,
    fields: block.rows.flatMap((row) =>
      ROW_FIELDS[row.key].map(
        (name, i): FigureField => ({
          name,
          label: `${row.label}：${block.columns[i + 1]}`,
          ...(FIELD_HINTS[name] ? { hint: FIELD_HINTS[name] } : {}),
          ...(name === 'feesTenThousandYuan' ? { decimal: true } : {}),
        }),
      ),
    ),
  })),
  { legend: '信息处理费', fields: [FEES_OUTSIDE] },
];

export const FIGURE_NAMES: readonly FigureName[] = FIGURE_GROUPS.flatMap((g) => g.fields.map((f) => f.name));

const FIELD_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(FIGURE_GROUPS.flatMap((g) => g.fields.map((f) => [f.name, f.label]))),
  ...SECTION_LABELS,
};

/** Splits a service's "field: message" details into the fields the form knows and the rest. */
export function splitProblems(details: readonly string[], fields: readonly string[]): { general: string[]; byField: Record<string, string[]> } {
  const general: string[] = [];
  const byField: Record<string, string[]> = {};
  for (const d of details) {
    const at = d.indexOf(': ');
    const field = at > 0 ? d.slice(0, at) : '';
    if (fields.includes(field)) (byField[field] ??= []).push(d.slice(at + 2));
    else general.push(d);
  }
  return { general, byField };
}

/** The stored figures as the form shows them (fees in 万元 without trailing zeros). */
export function figureValues(m: ManualFigures): Record<FigureName, string> {
  return Object.fromEntries(FIGURE_NAMES.map((n) => [n, n === 'feesTenThousandYuan' ? formatWanYuan(m[n]) : m[n] === null ? '' : String(m[n])])) as Record<FigureName, string>;
}

/**
 * The platform's own counts, shown beside the fields they fill when left blank: 第二十条第（一）项
 * from the catalogue, （五）项 行政许可 and （六）项 行政处罚 from the 双公示 decisions.
 */
export function countedValues(d: DocumentCountsByKind, decisions: DecisionCounts): Partial<Record<FigureName, number>> {
  return {
    rulesMade: d.rules.made,
    rulesRepealed: d.rules.repealed,
    rulesInForce: d.rules.inForce,
    normMade: d.normativeDocuments.made,
    normRepealed: d.normativeDocuments.repealed,
    normInForce: d.normativeDocuments.inForce,
    licensing: decisions.licensing,
    penalties: decisions.penalties,
  };
}

const fieldId = (form: string, name: string) => `ars-${form}-${name}`;

/** The problems of one form, above it, announced, each linked to its field. */
export function FormProblems({ error, title }: { error: FormError | undefined; title: string }) {
  if (!error) return null;
  const fields = Object.keys(error.byField).filter((f) => (error.byField[f]?.length ?? 0) > 0);
  if (error.general.length === 0 && fields.length === 0) return null;
  const id = `ars-${error.form}-error-summary`;
  return (
    <div class="error-summary" role="alert" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul>
        {error.general.map((p) => (
          <li>{p}</li>
        ))}
        {fields.map((f) => (
          <li>
            <a href={`#${fieldId(error.form, f)}`}>
              {FIELD_LABELS[f] ?? f}：{error.byField[f]?.join('；')}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FieldError({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p class="ars-error" id={id}>
      {messages.join('；')}
    </p>
  );
}

const describedBy = (...ids: readonly (string | false)[]) => ids.filter((x): x is string => typeof x === 'string').join(' ') || undefined;

interface FormProps {
  readonly ctx: PageContext;
  readonly action: string;
  readonly values: FormValues;
  readonly error: FormError | undefined;
}

export function FiguresForm({ ctx, action, values, error, counted }: FormProps & { counted: Partial<Record<FigureName, number>> }) {
  const problems = error?.form === 'figures' ? error : undefined;
  return (
    <form method="post" action={action} class="stack ars-form" noValidate>
      <CsrfField ctx={ctx} />
      <FormProblems error={problems} title="数据未保存，请修改以下问题" />
      <p class="hint">
        第二十条第（一）项留空即采用平台按政府信息目录统计的数字，行政许可、行政处罚留空即采用平台按“双公示”决定统计的数字（见各项说明），填写则以填写为准；行政强制、行政事业性收费等其余各项留空按0计。表三、表四由平台根据依申请公开办理记录自动统计，无需填写。
      </p>
      {FIGURE_GROUPS.map((group) => (
        <fieldset>
          <legend>{group.legend}</legend>
          {group.fields.map((f) => {
            const id = fieldId('figures', f.name);
            const messages = problems?.byField[f.name];
            const invalid = (messages?.length ?? 0) > 0;
            const platform = counted[f.name];
            const hint = platform === undefined ? f.hint : `平台统计：${platform}（留空即采用）${f.hint ? `。${f.hint}` : ''}`;
            return (
              <div class={invalid ? 'field ars-invalid' : 'field'}>
                <label for={id}>{f.label}</label>
                {hint ? (
                  <div class="hint" id={`${id}-hint`}>
                    {hint}
                  </div>
                ) : null}
                <FieldError id={`${id}-error`} messages={messages} />
                <input
                  id={id}
                  name={f.name}
                  type="text"
                  inputMode={f.decimal ? 'decimal' : 'numeric'}
                  class="ars-number"
                  value={values[f.name] ?? ''}
                  aria-invalid={invalid ? 'true' : undefined}
                  aria-describedby={describedBy(hint !== undefined && `${id}-hint`, invalid && `${id}-error`)}
                />
              </div>
            );
          })}
        </fieldset>
      ))}
      <button type="submit">保存数据</button>
    </form>
  );
}

export function SectionsForm({ ctx, action, values, error, drafted }: FormProps & { drafted: ReadonlySet<SectionKey> }) {
  const problems = error?.form === 'sections' ? error : undefined;
  return (
    <form method="post" action={action} class="stack ars-form ars-sections" noValidate>
      <CsrfField ctx={ctx} />
      <FormProblems error={problems} title="文字部分未保存，请修改以下问题" />
      {drafted.size > 0 ? (
        <p class="notice warn ars-draft-note" id="ars-draft-note">
          标有“草稿”的部分尚未保存过，已按平台统计的数据预填了草稿文字。草稿只是起点，请核对、修改、补充后保存；保存后才会用于年度报告。
        </p>
      ) : null}
      {SECTION_KEYS.map((key) => {
        const id = fieldId('sections', key);
        const messages = problems?.byField[key];
        const invalid = (messages?.length ?? 0) > 0;
        const isDraft = drafted.has(key);
        return (
          <div class={invalid ? 'field ars-invalid' : 'field'}>
            <label for={id}>
              {SECTION_LABELS[key]}
              {isDraft ? <span class="badge warn ars-draft-badge">草稿</span> : null}
            </label>
            {isDraft ? (
              <div class="hint" id={`${id}-hint`}>
                预填的草稿文字，请核对修改。
              </div>
            ) : null}
            <FieldError id={`${id}-error`} messages={messages} />
            <textarea id={id} name={key} rows={6} aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy(isDraft && `${id}-hint`, invalid && `${id}-error`)}>
              {values[key] ?? ''}
            </textarea>
          </div>
        );
      })}
      <button type="submit">保存文字部分</button>
    </form>
  );
}
