/** 监督保障设置 (system admins): the periods of supervision/settings.ts and the assessment weights. */
import { TextField } from '../../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import type { SupervisionSettings } from '../../settings.js';
import { INDICATORS, INDICATOR_LABELS } from '../model.js';

export type SettingsValues = Record<string, string>;

export function settingsValues(s: SupervisionSettings): SettingsValues {
  const out: SettingsValues = {
    consultationMinDays: String(s.consultationMinDays),
    messageAnswerWorkingDays: String(s.messageAnswerWorkingDays),
    dueSoonWorkingDays: String(s.dueSoonWorkingDays),
    emailDigests: s.emailDigests ? '1' : '',
    digestHour: String(s.digestHour),
    interpretationLagWorkingDays: String(s.interpretationLagWorkingDays),
  };
  for (const k of INDICATORS) out[`w_${k}`] = String(s.assessmentWeights[k]);
  return out;
}

export function SettingsPage({ ctx, values, problems }: { ctx: PageContext; values: SettingsValues; problems?: readonly string[] | undefined }) {
  const title = '监督保障设置';
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>以下期限和权重没有全国统一规定（标“尚未确认”），由本级政府自行设定。修改记入审计日志。</p>
      {ctx.query.saved === '1' ? (
        <p class="notice" role="status">
          已保存。
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      <form method="post" action="/staff/supervision/settings" class="stack narrow">
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>期限</legend>
          <TextField name="consultationMinDays" label="意见征集最短期限（日）" value={values.consultationMinDays} hint="《重大行政决策程序暂行条例》第十四条：一般不少于30日。" required />
          <TextField name="messageAnswerWorkingDays" label="留言答复期限（工作日）" value={values.messageAnswerWorkingDays} hint="尚未确认：无全国统一规定，多地为10个工作日。" required />
          <TextField name="dueSoonWorkingDays" label="提醒提前量（工作日）" value={values.dueSoonWorkingDays} hint="距期限不足此数时列入每日提醒。" required />
          <TextField name="digestHour" label="每日提醒发送时间（北京时间，时）" value={values.digestHour ?? '8'} hint="工作日自该整点起发送当天的电子邮件提醒（0–23）。" required />
          <TextField
            name="interpretationLagWorkingDays"
            label="政策解读同步期限（工作日）"
            value={values.interpretationLagWorkingDays}
            hint="尚未确认：国办发〔2016〕80号要求“同步起草、同步审签、同步发布”，未规定天数；解读在政策发布后此数个工作日内发布即计为同步。"
            required
          />
          <div class="field">
            <label>
              <input type="checkbox" name="emailDigests" value="1" checked={values.emailDigests === '1'} /> 以电子邮件发送每日提醒
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>工作考核权重（0–100，至少一项大于0）</legend>
          <p class="hint">
            权重是相对值：综合得分 = Σ（权重 × 指标得分）÷ 当期适用指标的权重之和，所以各项权重不必合计为100，只看彼此的比例。尚未确认：无全国统一权重，默认值由本平台设定（办事事项更新及时率为后来增加的指标，默认 5，其余默认值未变）。
          </p>
          {INDICATORS.map((k) => (
            <TextField name={`w_${k}`} label={INDICATOR_LABELS[k]} value={values[`w_${k}`]} type="number" required />
          ))}
        </fieldset>
        <button type="submit">保存</button>
      </form>
    </StaffLayout>
  );
}
