/**
 * Demo 依申请公开 requests, made through the real workflow on their own dates: closed ones across
 * 2026 (补正, consultation, extension over 国庆, a late answer, an abandoned one, an appeal) and open
 * ones dated back from today, so the workbench always has work due soon.
 */
import { addCalendarDays } from '../platform/calendar/model.js';
import { loadCalendar } from '../platform/calendar/service.js';
import { chinaDate, fixedClock } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import * as requests from '../requests/service.js';
import { SYSTEM } from '../requests/workflow-support.js';

const person = (name: string, id: string) => ({ applicantType: 'natural', applicantName: name, idDocType: 'resident-id', idDocNumber: id });
const org = (type: string, name: string, code: string, contact: string) => ({ applicantType: type, applicantName: name, idDocType: 'credit-code', idDocNumber: code, contactPerson: contact });

// Fictitious people with valid check digits (GB 11643); fictitious organisations (GB 32100).
const ZHANG = person('张伟', '11010519491231002X');
const LI = person('李娜', '330102198506151238');
const CHEN = person('陈静', '44010619900307888X');
const FIRM = org('business', '岚江恒远置业有限公司', '91350100M000100Y43', '赵经理');
const LAW = org('legal-services', '岚江明理律师事务所', '91110108551385082Q', '周律师');

function application(agency: string, who: object, title: string, description: string, extra: object = {}) {
  return {
    agency,
    ...who,
    phone: '0748-8300' + String(1000 + title.length * 7).slice(-4),
    email: 'applicant@example.cn',
    address: '岚江市湖西区滨江路88号',
    postcode: '410000',
    title,
    description,
    deliveryForm: 'electronic',
    deliveryMethod: 'email',
    oneMatter: '1',
    ...extra,
  };
}

const decision = (outcome: string, summary: string, reasons: string, provided: string, releaseConsent = false) => ({
  outcome,
  reasons,
  provided,
  publicSummary: summary,
  releaseConsent: releaseConsent ? '1' : '',
});

export async function seedDemoRequests(deps: ServiceDeps): Promise<number> {
  const on = (day: string): ServiceDeps => ({ ...deps, clock: fixedClock(`${day}T02:00:00.000Z`) });
  const by = SYSTEM;
  let count = 0;
  const submit = async (day: string, raw: object) => {
    count++;
    return (await requests.submitOnline(on(day), raw)).request;
  };
  const register = async (day: string, raw: object) => {
    count++;
    return (await requests.registerReceived(on(day), by, raw)).request;
  };

  // 1. Plain online request answered in 14 working days.
  const r1 = await submit('2026-03-02', application('ljs-jyj', ZHANG, '2026年市区公办小学学区划分方案', '需要2026年岚江市市区各公办小学的学区划分范围'));
  await requests.decide(on('2026-03-20'), by, r1.id, decision('disclosed.provided', '2026年市区公办小学学区划分方案', '', '学区划分方案全文（PDF，12页），已通过电子邮件发送', true));

  // 2. Signed post from a company; a third party is consulted (第三十二条); refused; appealed.
  const r2 = await register('2026-04-14', {
    ...application('ljs-zrzyj', FIRM, '湖西区B-07地块国有建设用地使用权出让合同', '含竞得人信息及合同附件', { deliveryForm: 'paper', deliveryMethod: 'post' }),
    channel: 'post-signed',
    signedOn: '2026-04-13',
  });
  const c2 = await requests.startConsultation(on('2026-04-20'), by, r2.id, { party: 'third-party', partyName: '岚江新城开发有限公司', infoSummary: '出让合同中的竞得人报价及付款安排' });
  await requests.endConsultation(on('2026-05-06'), by, r2.id, { consultation: requests.openConsultations(c2.events)[0]?.id ?? '', on: '2026-05-06', summary: '第三方书面反对公开，理由为涉及商业秘密' });
  await requests.decide(
    on('2026-05-20'),
    by,
    r2.id,
    decision('withheld.third-party', '某地块国有建设用地使用权出让合同', '合同中的报价及付款安排属于第三方商业秘密，第三方书面不同意公开，不公开不会对公共利益造成重大影响。', ''),
  );
  await requests.addAppeal(on('2026-08-06'), by, r2.id, { kind: 'reconsideration', filedOn: '2026-06-08', result: 'upheld', concludedOn: '2026-08-05', note: '岚江市人民政府维持原答复' });

  // 3. In person; partly disclosed, moved toward proactive disclosure with consent (第四十四条).
  const r3 = await register('2026-06-01', { ...application('ljs-zjj', LI, '和平里小区老旧小区改造项目资金安排', '项目总投资及各分项资金来源'), channel: 'in-person', submittedOn: '2026-06-01' });
  await requests.decide(on('2026-06-26'), by, r3.id, decision('partial', '和平里小区老旧小区改造项目资金安排', '施工单位报价明细属于第三方商业信息，已作区分处理。', '项目资金安排表（已删除施工单位报价明细）', true));

  // 4. Online; 补正, restart, 20-day extension approved, answered across 国庆 2026.
  const r4 = await submit('2026-09-21', application('ljs-wjw', CHEN, '医院收费情况', '某医院的收费'));
  await requests.requestCorrection(on('2026-09-24'), by, r4.id, { whatToCorrect: '请写明医院名称、收费项目和所需信息的时间范围。', respondBy: '2026-10-16' });
  await requests.receiveCorrection(on('2026-09-29'), by, r4.id, { on: '2026-09-29', correctedTitle: '岚江市第一人民医院2026年第三季度医疗服务收费项目及标准' });
  await requests.proposeExtension(on('2026-10-20'), by, r4.id, { workingDays: '20', reason: '涉及收费项目400余项，需逐项核对' });
  await requests.decideExtension(on('2026-10-21'), by, r4.id, true, '同意延期');
  await requests.decide(on('2026-11-10'), by, r4.id, decision('disclosed.already-public', '岚江市第一人民医院2026年第三季度医疗服务收费项目及标准', '', '该信息已在岚江市卫生健康委员会网站“医疗服务价格”栏目主动公开'));

  // 5. By e-mail from a law firm; not this agency's information (第三十六条（五）), referred.
  const r5 = await register('2026-07-07', { ...application('ljs-fgw', LAW, '某建设项目环境影响评价批复', '项目编号2026-0031'), channel: 'email', confirmedOn: '2026-07-07' });
  await requests.decide(
    on('2026-07-15'),
    by,
    r5.id,
    { ...decision('unavailable.not-held', '某建设项目环境影响评价批复', '经检索，本机关未制作或获取该政府信息。', ''), referralAgency: '岚江市生态环境局', referralContact: '0748-8300-2101，岚江市人民路20号' },
  );

  // 6. A complaint dressed as a request (第三十九条).
  const r6 = await register('2026-08-03', { ...application('ljs', ZHANG, '投诉小区物业乱收费', '要求政府查处物业公司'), channel: 'fax', confirmedOn: '2026-08-03' });
  await requests.decide(on('2026-08-10'), by, r6.id, decision('not-processed.petition', '关于小区物业收费的投诉', '申请内容属于投诉举报，不属于政府信息公开申请，请通过12345政务服务便民热线反映。', ''));

  // 7. A 补正 never answered: ended as 视为放弃 by the sweep (第三十条).
  const r7 = await submit('2026-05-11', application('ljs-czj', LI, '财政资金', '想了解财政资金'));
  await requests.requestCorrection(on('2026-05-13'), by, r7.id, { whatToCorrect: '请写明所需财政资金信息的具体项目、年度或文件名称。', respondBy: '2026-05-27' });
  await requests.sweepRequests(on('2026-05-28'));

  // 8. Answered late: due 2026-09-07, answered 2026-09-15 (shown as overdue in statistics).
  const r8 = await submit('2026-08-10', application('ljs-hxq-jyj', CHEN, '湖西区2026年秋季学期幼儿园招生计划', '各公办幼儿园招生人数'));
  await requests.decide(on('2026-09-15'), by, r8.id, decision('disclosed.provided', '湖西区2026年秋季学期幼儿园招生计划', '', '招生计划表已通过电子邮件发送'));

  // Open requests, dated back from today so the workbench has work due soon.
  const cal = await loadCalendar(deps.db);
  const today = chinaDate(deps.clock.now());
  const workingDaysAgo = (n: number) => {
    let d = today;
    for (let counted = 0; counted < n; ) {
      d = addCalendarDays(d, -1);
      if (cal.isWorkingDay(d)) counted++;
    }
    return d;
  };
  await submit(workingDaysAgo(2), application('ljs', ZHANG, '2026年岚江市民生实事项目完成情况', '各项目的进度和资金使用'));
  await submit(workingDaysAgo(17), application('ljs', LI, '岚江市2026年度政府信息公开工作要点', '文件全文'));
  const r11 = await register(workingDaysAgo(6), { ...application('ljs', FIRM, '岚江市城市更新专项规划（2026—2035年）征求意见稿', '征求意见稿及起草说明'), channel: 'post-signed', signedOn: workingDaysAgo(6) });
  await requests.startConsultation(on(workingDaysAgo(3)), by, r11.id, { party: 'agency', partyName: '岚江市自然资源和规划局', infoSummary: '规划征求意见稿系两部门共同制作' });
  return count;
}
