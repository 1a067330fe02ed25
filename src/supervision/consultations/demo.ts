/**
 * Demo 意见征集 for the demo city, made through the services (so every step is audited) with the
 * clock moved to the day each step happened: one consultation open now with published and pending
 * comments, one closed awaiting its feedback, and one concluded with its feedback and, when the
 * demo catalogue holds it, the final policy (湖西区普惠托育服务发展实施方案).
 */
import { findAgencyByCode } from '../../agencies/service.js';
import { listPublicRecords } from '../../catalog/service.js';
import { SYSTEM_ACTOR } from '../../platform/audit/model.js';
import { chinaDate } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import { moderateComment, recordAdoption, submitComment } from './comment.service.js';
import { addDays } from './model.js';
import { createConsultation, linkFinalPolicy, publishConsultation, publishFeedback } from './service.js';

const by = { actor: SYSTEM_ACTOR, staff: null };
const DEMO_IP = 'demo-seed';

/** The services as they ran on `date` (10:00 Beijing time). */
const on = (deps: ServiceDeps, date: string): ServiceDeps => ({ ...deps, clock: { now: () => new Date(`${date}T02:00:00.000Z`) } });

interface DemoComment {
  readonly article: string;
  readonly body: string;
  readonly name?: string;
  readonly contact?: string;
  readonly decision: 'approve' | 'reject' | 'pending';
  readonly reason?: string;
  readonly adoption?: 'adopted' | 'partly' | 'not_adopted';
  readonly adoptionReason?: string;
}

async function run(deps: ServiceDeps, input: { agency: string; title: string; explanation: string; text: string; opensOn: string; days: number; comments: readonly DemoComment[] }) {
  const closesOn = addDays(input.opensOn, input.days - 1);
  const draftOn = addDays(input.opensOn, -2);
  const c = await createConsultation(on(deps, draftOn), by, { agency: input.agency, title: input.title, explanation: input.explanation, text: input.text, opensOn: input.opensOn, closesOn });
  await publishConsultation(on(deps, input.opensOn), by, c.id);
  const today = chinaDate(deps.clock.now());
  const made = [];
  for (const [i, m] of input.comments.entries()) {
    const day = addDays(input.opensOn, 1 + i);
    if (day > today || day > closesOn) break;
    const comment = await submitComment(on(deps, day), c.id, { article: m.article, body: m.body, name: m.name ?? '', contact: m.contact ?? '' }, DEMO_IP);
    const next = addDays(day, 1) > today ? today : addDays(day, 1);
    if (m.decision !== 'pending') await moderateComment(on(deps, next), by, comment.id, { decision: m.decision, reason: m.reason ?? '' });
    made.push({ comment, m });
  }
  return { c, closesOn, made };
}

const SCHOOL_TEXT = [
  '第一章 总则',
  '第一条 为规范校外培训机构办学行为，保障学生和家长的合法权益，根据有关法律法规，结合本市实际，制定本办法。',
  '第二条 本办法适用于本市行政区域内面向中小学生的校外培训机构。',
  '第二章 管理',
  '第三条 校外培训机构应当公示收费项目、收费标准和退费办法，一次性收取费用不得超过3个月。',
  '第四条 校外培训机构不得在国家法定节假日、休息日及寒暑假期组织学科类培训。',
  '第五条 教育行政部门应当会同有关部门建立校外培训机构黑白名单制度，并向社会公布。',
  '第三章 附则',
  '第六条 本办法自2027年3月1日起施行。',
].join('\n');

const DOCTOR_TEXT = [
  '第一条 为推进家庭医生签约服务，提高基层医疗卫生服务水平，制定本办法。',
  '第二条 家庭医生团队由全科医生、护士、公共卫生医师等组成。',
  '第三条 签约居民可以在签约团队所在机构优先就诊，并享受长期处方服务。',
  '第四条 本办法由市卫生健康委员会负责解释。',
].join('\n');

const CHILDCARE_TEXT = [
  '第一条 为促进普惠托育服务发展，满足群众“幼有所育”需求，制定本方案。',
  '第二条 到2027年，全区每千人口拥有3岁以下婴幼儿托位数达到4.5个。',
  '第三条 对新增普惠性托位给予每个托位一次性建设补助。',
  '第四条 鼓励用人单位为职工提供福利性托育服务。',
].join('\n');

/** Demo content for the portal (called by src/seed/supervision.ts); returns how many objects it made. */
export async function seedDemoConsultations(deps: ServiceDeps): Promise<number> {
  const today = chinaDate(deps.clock.now());
  let made = 0;

  // 1. Open now: published five days ago, three published comments and one awaiting moderation.
  await run(deps, {
    agency: 'ljs-jyj',
    title: '岚江市校外培训机构管理办法（征求意见稿）',
    explanation: '为落实国家关于规范校外培训的要求，市教育局起草了本办法，现向社会公开征求意见。',
    text: SCHOOL_TEXT,
    opensOn: addDays(today, -5),
    days: 30,
    comments: [
      { article: '3', body: '建议明确退费的办理时限，例如在申请后15个工作日内退还。', name: '张晓明', contact: 'zhangxm@example.com', decision: 'approve' },
      { article: '', body: '总体支持。希望增加对培训机构消防安全的检查要求。', decision: 'approve' },
      { article: '5', body: '黑白名单最好能在市教育局网站上随时查询，并注明更新日期。', name: '李红', decision: 'approve' },
      { article: '4', body: '周末的艺术类培训是否也受限制？建议说明清楚。', decision: 'pending' },
    ],
  });
  made += 1;

  // 2. Closed three weeks ago; the bureau has not yet published how it used the comments.
  const doctor = await run(deps, {
    agency: 'ljs-wjw',
    title: '岚江市家庭医生签约服务管理办法（征求意见稿）',
    explanation: '为规范家庭医生签约服务，市卫生健康委员会起草了本办法。',
    text: DOCTOR_TEXT,
    opensOn: addDays(today, -50),
    days: 30,
    comments: [
      { article: '3', body: '建议长期处方的用药范围再扩大一些，方便慢性病患者。', decision: 'approve' },
      { article: '', body: '希望签约服务能覆盖到农村地区。', name: '王建', decision: 'approve' },
      { article: '', body: '欢迎访问某某药店网站购买优惠药品。', decision: 'reject', reason: '含有广告内容' },
    ],
  });
  void doctor;
  made += 1;

  // 3. Concluded: the feedback is published and, when the demo catalogue has it, the final policy linked.
  const agency = await findAgencyByCode(deps.db, 'ljs-hxq');
  const records = agency ? (await listPublicRecords(deps.db, deps.clock.now().toISOString(), { agencyIds: [agency.id] }, 1, 100)).items : [];
  const finalRecord = records.find((r) => r.title.includes('普惠托育服务发展实施方案') && r.genre !== '解读' && r.status === 'published' && r.publishedOn !== null);
  const finalOn = finalRecord?.publishedOn && finalRecord.publishedOn <= addDays(today, -1) ? finalRecord.publishedOn : null;
  const opensOn = addDays(finalOn ?? today, -75);
  const childcare = await run(deps, {
    agency: 'ljs-hxq',
    title: '湖西区促进普惠托育服务发展实施方案（征求意见稿）',
    explanation: '为发展普惠托育服务，区政府组织起草了本方案，现公开征求意见。',
    text: CHILDCARE_TEXT,
    opensOn,
    days: 30,
    comments: [
      { article: '3', body: '建设补助之外，建议对运营也给予补贴，否则托育机构难以持续。', decision: 'approve', adoption: 'adopted', adoptionReason: '已在第三条增加运营补贴。' },
      { article: '2', body: '托位数目标可以再提高一些，达到每千人6个。', name: '陈静', decision: 'approve', adoption: 'not_adopted', adoptionReason: '目标依据全区人口和场地条件测算，暂不调整。' },
      { article: '4', body: '建议对提供托育服务的用人单位给予税费优惠。', decision: 'approve', adoption: 'partly', adoptionReason: '税费优惠不属于本区权限，已增加场地支持措施。' },
      { article: '', body: '好好好好好', decision: 'reject', reason: '与征求意见内容无关' },
    ],
  });
  const afterClose = addDays(childcare.closesOn, 5);
  for (const { comment, m } of childcare.made) {
    if (m.decision === 'approve' && m.adoption) await recordAdoption(on(deps, afterClose), by, comment.id, { adoption: m.adoption, reason: m.adoptionReason ?? '' });
  }
  await publishFeedback(on(deps, addDays(childcare.closesOn, 10)), by, childcare.c.id, {
    feedback: '征求意见期间共收到意见4条，公开3条；采纳1条，部分采纳1条，未采纳1条（理由见各条意见）。感谢社会各界的关心和支持。',
  });
  if (finalRecord && finalOn) await linkFinalPolicy(on(deps, finalOn), by, childcare.c.id, { record: String(finalRecord.id) });
  made += 1;
  return made;
}
