/** Small pieces shared by the staff request pages: the days-left cell, state and outcome labels. */
import { REQUEST_STATE_LABELS, type RequestState } from '../../model.js';

export const stateLabel = (s: string): string => REQUEST_STATE_LABELS[s as RequestState] ?? s;

/** The due date with its "provisional" mark (the holiday schedule of that year is not out yet). */
export function DueDate({ dueOn, provisional }: { dueOn: string | null; provisional: boolean }) {
  if (!dueOn) return <span>补正后重新计算</span>;
  return (
    <span>
      {dueOn}
      {provisional ? (
        <span class="rqs-provisional" title="该年度节假日安排尚未公布，暂按周末计算">
          （暂定）
        </span>
      ) : null}
    </span>
  );
}

export interface DaysLeftInfo {
  readonly state: string;
  readonly dueOn: string | null;
  readonly daysLeft: number | null;
  readonly today: string;
}

/** True when the reply period has ended and the request is still open. */
export function isOverdue(r: DaysLeftInfo): boolean {
  return r.state !== 'closed' && r.dueOn !== null && r.dueOn < r.today;
}

/**
 * Working days left, in words: overdue is said ("已超期"), not only coloured, and the last five
 * working days are marked as due soon.
 */
export function DaysLeft(r: DaysLeftInfo) {
  if (r.state === 'closed') return <span>已办结</span>;
  if (r.dueOn === null || r.daysLeft === null) return <span>计时暂停（待补正）</span>;
  if (isOverdue(r)) {
    return (
      <strong class="rqs-overdue">
        {r.daysLeft < 0 ? `已超期 ${-r.daysLeft} 个工作日` : '已超过答复期限'}
      </strong>
    );
  }
  // Consultation and fee waits are counted at their longest; the date moves up when they end early.
  const paused = r.state === 'consulting' || r.state === 'awaiting-fee' ? '，暂停计时中' : '';
  if (r.daysLeft === 0) return <strong class="rqs-due-soon">今日到期{paused}</strong>;
  if (r.daysLeft <= 5) return <strong class="rqs-due-soon">剩 {r.daysLeft} 个工作日（即将到期{paused}）</strong>;
  return <span>剩 {r.daysLeft} 个工作日{paused ? `（${paused.slice(1)}）` : ''}</span>;
}

/** Success messages after an action (`?done=…` on the redirect back to the request page). */
export const DONE_MESSAGES: Readonly<Record<string, string>> = {
  assign: '已分配经办人。',
  note: '已添加内部备注。',
  correction: '已发出补正告知书，答复期限在收到补正后重新计算。',
  'correction-received': '已登记收到补正材料，答复期限已重新计算。',
  consultation: '已发出征求意见函，征求意见期间暂停计时。',
  'consultation-end': '已登记征求意见结束，恢复计时。',
  extension: '已提请延期，待政府信息公开工作机构负责人审批。',
  'extension-approved': '已同意延期，延期告知书已生成。',
  'extension-refused': '已不同意延期。',
  fee: '已发出收费通知。',
  'fee-paid': '已登记缴费，恢复计时。',
  decide: '已作出答复，答复书已生成。',
  appeal: '已登记行政复议或行政诉讼。',
  'appeal-updated': '已更新行政复议或行政诉讼结果。',
  attachment: '已添加材料。',
  release: '已转为主动公开。',
};
