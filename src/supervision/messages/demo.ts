/**
 * Demo 留言/投诉 of the last months, filed and answered through the service on their own dates, so
 * due dates come from the calendar: answers on time and one late, one unanswered past due, one not
 * yet due, a complaint the supervisor found borne out, one refused.
 */
import { SYSTEM_ACTOR } from '../../platform/audit/model.js';
import { addCalendarDays, addWorkingDays } from '../../platform/calendar/model.js';
import { loadCalendar } from '../../platform/calendar/service.js';
import { chinaDate, fixedClock } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import { sha256Hex } from '../../platform/digest.js';
import { answerMessage, recordFinding, rejectMessage, submitMessage } from './service.js';

type Ending =
  | { kind: 'answer'; afterWorkingDays: number; publish: boolean; text: string; finding?: 'verified' | 'unfounded' }
  | { kind: 'reject'; afterWorkingDays: number; publish: boolean; text: string }
  | { kind: 'pending' };

interface DemoMessage {
  readonly daysAgo: number;
  readonly input: Record<string, string>;
  readonly ending: Ending;
}

const SYSTEM = { actor: SYSTEM_ACTOR, staff: null };
const who = (name: string, contact: string, consent = true) => ({ authorName: name, contact, publishConsent: consent ? '1' : '' });

// Fictitious people; the phone numbers in the texts show the masking on the board.
const MESSAGES: readonly DemoMessage[] = [
  {
    daysAgo: 80,
    input: { agency: 'ljs-jyj', kind: 'consult', subject: '义务教育阶段招生划片范围在哪里公开？', body: '想了解今年城区小学的招生划片范围，在教育局网站没有找到。', ...who('王芳', '13800138000') },
    ending: { kind: 'answer', afterWorkingDays: 3, publish: true, text: '您好！今年城区小学招生划片范围已在本局“政府信息公开—重点领域信息—教育”栏目发布，您也可以拨打咨询电话了解。' },
  },
  {
    daysAgo: 70,
    input: {
      agency: 'ljs-jyj',
      kind: 'complaint',
      ground: 'not_disclosed',
      subject: '校外培训机构白名单长期未更新',
      body: '教育局网站的校外培训机构白名单半年没有更新，多家已注销的机构仍在名单上。我是张伟，电话13912345678，希望尽快处理。',
      ...who('张伟', '13912345678'),
    },
    ending: { kind: 'answer', afterWorkingDays: 6, publish: true, text: '经核查，名单确未及时更新，已于本周完成更新并建立每月核对机制。感谢您的监督。', finding: 'verified' },
  },
  {
    daysAgo: 64,
    input: { agency: 'ljs', kind: 'suggestion', subject: '建议政府常务会议内容及时公开', body: '建议在会议召开后尽快公开常务会议的主要内容和议定事项。', ...who('李娜', 'lina@example.cn') },
    ending: { kind: 'answer', afterWorkingDays: 5, publish: true, text: '感谢您的建议。市政府常务会议的主要内容已在会后3个工作日内在“会议信息”栏目发布。' },
  },
  {
    daysAgo: 58,
    input: { agency: 'ljs-gaj', kind: 'consult', subject: '户籍业务办理指南在哪里查看？', body: '请问新生儿落户需要哪些材料？网站上的办事指南链接打不开。', ...who('陈静', '0748-83001234') },
    ending: { kind: 'answer', afterWorkingDays: 14, publish: true, text: '您好！办事指南链接已修复，新生儿落户所需材料见“办事服务—户籍管理”。答复迟延，向您致歉。' },
  },
  {
    daysAgo: 52,
    input: {
      agency: 'ljs-hxq',
      kind: 'complaint',
      ground: 'request_unlawful',
      relatedRequest: 'YSQ-ljs-hxq-2026-00001',
      subject: '申请逾期未答复',
      body: '我提交的政府信息公开申请超过20个工作日仍未收到答复。',
      ...who('刘洋', '13700137000', false),
    },
    ending: { kind: 'answer', afterWorkingDays: 4, publish: false, text: '经核实，该申请已在法定期限内答复并通过电子邮件送达，请查收。', finding: 'unfounded' },
  },
  {
    daysAgo: 46,
    input: { agency: 'ljs-wjw', kind: 'consult', subject: '医疗机构名单在哪里公开？', body: '想查询全市二级以上医疗机构名单。', ...who('赵敏', '15800158000') },
    ending: { kind: 'answer', afterWorkingDays: 2, publish: true, text: '全市医疗机构名单在本委网站“公共服务—医疗机构查询”栏目，每季度更新。' },
  },
  {
    daysAgo: 40,
    input: { agency: 'ljs-scjgj', kind: 'consult', subject: '同一问题再次咨询', body: '与我上周的留言内容相同。', ...who('孙强', '13600136000') },
    ending: { kind: 'reject', afterWorkingDays: 2, publish: true, text: '本留言与您此前提交的留言内容相同，已合并办理，不再重复受理。' },
  },
  {
    daysAgo: 36,
    input: { agency: 'ljs-hxq-jyj', kind: 'consult', subject: '区属学校收费标准何时公开？', body: '想了解区属学校的课后服务收费标准。', ...who('周婷', '13500135000') },
    ending: { kind: 'pending' },
  },
  {
    daysAgo: 30,
    input: { agency: 'ljs-rsj', kind: 'consult', subject: '事业单位招聘公告发布渠道', body: '请问事业单位公开招聘的公告在哪些渠道发布？', ...who('吴磊', 'wulei@example.cn') },
    ending: { kind: 'answer', afterWorkingDays: 4, publish: true, text: '事业单位公开招聘公告在本局网站“人事考试”栏目和省人事考试网同步发布。' },
  },
  {
    daysAgo: 22,
    input: { agency: 'ljs-zwfwj', kind: 'suggestion', subject: '建议政务服务中心延长周末办理时间', body: '上班族平时难以请假，建议周六上午开放更多窗口。', ...who('郑洁', '13300133000') },
    ending: { kind: 'answer', afterWorkingDays: 6, publish: true, text: '感谢建议。自下月起，中心周六上午开放综合受理窗口，具体事项见公告。' },
  },
  {
    daysAgo: 16,
    input: { agency: 'ljs-tyx', kind: 'complaint', ground: 'other', subject: '县政府网站部分栏目无法访问', body: '县政府网站“政策解读”栏目点击后显示错误页面。', ...who('黄勇', '13200132000') },
    ending: { kind: 'answer', afterWorkingDays: 3, publish: true, text: '经检查为栏目迁移导致的链接错误，现已修复，感谢您的反馈。' },
  },
  {
    daysAgo: 2,
    input: { agency: 'ljs-czj', kind: 'suggestion', subject: '建议公开部门预算的解读材料', body: '预算表格专业性强，建议同时发布图解。', ...who('何静', '13100131000') },
    ending: { kind: 'pending' },
  },
];

/** Demo content for the portal (called by src/seed/supervision.ts); returns how many objects it made. */
export async function seedDemoMessages(deps: ServiceDeps): Promise<number> {
  const cal = await loadCalendar(deps.db);
  const today = chinaDate(deps.clock.now());
  const on = (day: string): ServiceDeps => ({ ...deps, clock: fixedClock(`${day}T02:00:00.000Z`) });
  let count = 0;
  for (const [i, demo] of MESSAGES.entries()) {
    const day = addCalendarDays(today, -demo.daysAgo);
    const ipHash = sha256Hex(`demo-message-${i}`);
    const { message } = await submitMessage(on(day), demo.input, { ipHash, actorLogin: 'system' });
    count++;
    const ending = demo.ending;
    if (ending.kind === 'pending') continue;
    let answerDay = addWorkingDays(cal, message.receivedOn, ending.afterWorkingDays).date;
    if (answerDay > today) answerDay = today;
    if (ending.kind === 'reject') {
      await rejectMessage(on(answerDay), SYSTEM, message.id, { reason: ending.text, publish: ending.publish ? '1' : '' });
      continue;
    }
    await answerMessage(on(answerDay), SYSTEM, message.id, { answer: ending.text, publish: ending.publish ? '1' : '' });
    if (ending.finding) await recordFinding(on(answerDay), SYSTEM, message.id, { finding: ending.finding, note: ending.finding === 'verified' ? '情况属实，已督促整改。' : '经核查，申请已依法答复。' });
  }
  return count;
}
