/**
 * Settings the reference leaves open (regulations.md §6, UNCONFIRMED): whether the fee period stops
 * the reply clock, how long an applicant has to pay, and the default 补正 deadline. System admins only.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../platform/audit/store.js';
import { byStaff, requirePermission } from '../platform/auth/guard.js';
import { AppError } from '../platform/errors.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import type { WebContext } from '../platform/http/web-context.js';
import { TextField } from '../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../platform/views/layout.js';
import type { PageContext } from '../platform/views/page-context.js';
import { requestSettings, saveRequestSettings, type RequestSettings } from './lifecycle.js';
import { recomputeOpenRequests } from './sweep.js';

interface Values {
  feeNoticePausesClock: boolean;
  feePaymentWorkingDays: string;
  correctionWorkingDays: string;
}

function SettingsPage({ ctx, values, problems }: { ctx: PageContext; values: Values; problems?: readonly string[] }) {
  return (
    <StaffLayout ctx={ctx} title="依申请公开设置">
      <h1>依申请公开设置</h1>
      <p>以下事项法规未作明确规定（见参考资料第6节“尚未确认”各项），由本平台设为可调整的设置。修改后，办理中申请的答复期限立即重新计算，修改记入审计日志。</p>
      {ctx.query.saved === '1' ? (
        <p class="notice" role="status">
          已保存。
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      <form method="post" action="/staff/requests-settings" class="stack narrow">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label>
            <input type="checkbox" name="feeNoticePausesClock" value="1" checked={values.feeNoticePausesClock} /> 收费通知发出至缴费期间不计入答复期限
          </label>
          <p class="hint">国办函〔2020〕109号未明确；默认按住建部等地方做法（建办厅函〔2021〕531号）不计入。</p>
        </div>
        <TextField name="feePaymentWorkingDays" label="缴费期限（工作日）" value={values.feePaymentWorkingDays} hint="收费通知中给申请人的缴费期限；逾期未缴纳的视为放弃申请（年报表三“其他处理”第2项）。" required />
        <TextField name="correctionWorkingDays" label="默认补正期限（工作日）" value={values.correctionWorkingDays} hint="条例第三十条要求给予“合理的补正期限”；此为补正告知表单的默认值，经办人可修改。" required />
        <button type="submit">保存</button>
      </form>
    </StaffLayout>
  );
}

const toValues = (s: RequestSettings): Values => ({
  feeNoticePausesClock: s.feeNoticePausesClock,
  feePaymentWorkingDays: String(s.feePaymentWorkingDays),
  correctionWorkingDays: String(s.correctionWorkingDays),
});

const formSchema = z.object({
  feeNoticePausesClock: z.string().optional(),
  feePaymentWorkingDays: z.string().default(''),
  correctionWorkingDays: z.string().default(''),
});

export function requestSettingsRoutes(app: FastifyInstance, web: WebContext): void {
  app.get('/staff/requests-settings', { preHandler: requirePermission('site.manage') }, async (request, reply) =>
    sendPage(request, reply, <SettingsPage ctx={pageContext(web, request, reply)} values={toValues(await requestSettings(web.db))} />),
  );

  app.post('/staff/requests-settings', { preHandler: requirePermission('site.manage') }, async (request, reply) => {
    const form = formSchema.parse(request.body ?? {});
    const values: Values = { feeNoticePausesClock: form.feeNoticePausesClock === '1', feePaymentWorkingDays: form.feePaymentWorkingDays, correctionWorkingDays: form.correctionWorkingDays };
    try {
      const by = byStaff(request);
      await web.db.transaction().execute(async (tx) => {
        const before = await requestSettings(tx);
        const after = await saveRequestSettings(tx, {
          feeNoticePausesClock: values.feeNoticePausesClock,
          feePaymentWorkingDays: Number(values.feePaymentWorkingDays),
          correctionWorkingDays: Number(values.correctionWorkingDays),
        });
        await appendAudit(tx, web.clock.now(), { actor: by.actor, agencyId: null, action: 'requests.settings', objectType: 'settings', objectId: 'requests', summary: '修改依申请公开设置', before, after, ip: by.ip });
      });
      await recomputeOpenRequests(web);
      return reply.redirect('/staff/requests-settings?saved=1', 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      return sendPage(request, reply, <SettingsPage ctx={pageContext(web, request, reply)} values={values} problems={e.details ?? [e.zh]} />, 400);
    }
  });
}
