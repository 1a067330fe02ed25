/**
 * Input schemas of the request workflow, shared by the HTML forms, the JSON API and the CLI.
 * Messages are bilingual; identity documents are checked further by identity.ts.
 */
import { z } from 'zod';
import { isIsoDate } from '../platform/calendar/model.js';
import {
  APPEAL_KINDS,
  APPEAL_RESULTS,
  APPLICANT_TYPES,
  CHANNELS,
  DELIVERY_FORMS,
  DELIVERY_METHODS,
  ID_DOC_TYPES,
  outcomeOf,
} from './model.js';

const trimmed = (max: number) => z.string().trim().max(max, `最多${max}字 / at most ${max} characters`);
const required = (max: number, zh: string, en: string) => trimmed(max).min(1, `请填写${zh} / ${en} is required`);
const isoDate = (zh: string, en: string) => z.string().trim().refine(isIsoDate, `${zh}应为 YYYY-MM-DD / ${en} must be a date (YYYY-MM-DD)`);
const optionalDate = (zh: string, en: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(isoDate(zh, en).optional())
    .optional();
const checkbox = z
  .union([z.literal('1'), z.literal('on'), z.literal('true'), z.literal(''), z.boolean()])
  .optional()
  .transform((v) => v === true || v === '1' || v === 'on' || v === 'true');

/** 条例 第二十九条: who asks (name, proof of identity, contact), what, and in which form. */
export const applicationSchema = z
  .object({
    agency: required(60, '受理机关', 'agency'),
    applicantType: z.enum(APPLICANT_TYPES, { message: '请选择申请人类型 / choose the applicant type' }),
    applicantName: required(100, '姓名或名称', 'name'),
    idDocType: z.enum(ID_DOC_TYPES, { message: '请选择证件类型 / choose the identity document type' }),
    idDocNumber: required(40, '证件号码', 'document number'),
    contactPerson: trimmed(50).default(''),
    phone: trimmed(30).default(''),
    email: trimmed(120).default(''),
    address: trimmed(200).default(''),
    postcode: trimmed(10).default(''),
    title: required(200, '所需信息的名称', 'the information sought'),
    docNumber: trimmed(80).default(''),
    description: trimmed(2000).default(''),
    deliveryForm: z.enum(DELIVERY_FORMS, { message: '请选择信息的形式 / choose the form' }),
    deliveryMethod: z.enum(DELIVERY_METHODS, { message: '请选择获取方式 / choose how to receive it' }),
    // 一事一申请: the applicant confirms the request asks for one matter.
    oneMatter: checkbox.refine((v) => v, '请确认本申请只涉及一项政府信息（一事一申请） / confirm the request concerns one matter'),
  })
  .superRefine((v, ctx) => {
    // 第二十九条（一）: 联系方式 — at least one way to reach the applicant, and one that can carry the answer.
    if (!v.phone && !v.email && !v.address) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: '请至少填写一种联系方式 / give at least one way to contact you' });
    }
    if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email)) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: '电子邮箱格式不正确 / the e-mail address is not valid' });
    }
    if (v.phone && !/^[0-9+\-() ]{5,30}$/.test(v.phone)) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: '电话号码格式不正确 / the phone number is not valid' });
    }
    if (v.postcode && !/^\d{6}$/.test(v.postcode)) {
      ctx.addIssue({ code: 'custom', path: ['postcode'], message: '邮政编码应为6位数字 / the postcode has 6 digits' });
    }
    if (v.deliveryMethod === 'post' && !v.address) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: '选择邮寄时请填写通信地址 / give a postal address for delivery by post' });
    }
    if (v.deliveryMethod === 'email' && !v.email) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: '选择电子邮件时请填写电子邮箱 / give an e-mail address for delivery by e-mail' });
    }
    if (v.applicantType !== 'natural' && !v.contactPerson) {
      ctx.addIssue({ code: 'custom', path: ['contactPerson'], message: '法人或其他组织请填写联系人 / organisations name a contact person' });
    }
  });
export type ApplicationInput = z.infer<typeof applicationSchema>;

/** Staff registration: the application plus how and when it arrived (条例 第三十一条). */
export const registrationSchema = z.object({
  channel: z.enum(CHANNELS, { message: '请选择申请渠道 / choose the channel' }),
  submittedOn: optionalDate('提交日期', 'submitted on'),
  signedOn: optionalDate('签收日期', 'signed for on'),
  confirmedOn: optionalDate('确认日期', 'confirmed on'),
  externalNumber: trimmed(60).default(''),
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

export const correctionSchema = z.object({
  whatToCorrect: required(2000, '需要补正的内容', 'what to correct'),
  respondBy: isoDate('补正期限', 'respond by'),
});

export const correctionReceivedSchema = z.object({
  on: isoDate('收到补正的日期', 'received on'),
  correctedTitle: trimmed(200).default(''),
  correctedDescription: trimmed(2000).default(''),
});

export const consultationSchema = z.object({
  party: z.enum(['third-party', 'agency'], { message: '请选择征求对象 / choose whom to consult' }),
  partyName: required(100, '征求意见对象', 'the party consulted'),
  infoSummary: required(1000, '拟公开信息的内容', 'the information concerned'),
  deliveredOn: optionalDate('送达日期', 'delivered on'),
});

export const consultationEndSchema = z.object({
  consultation: required(40, '征求意见编号', 'consultation'),
  on: isoDate('收到意见的日期', 'answered on'),
  summary: trimmed(1000).default(''),
});

export const extensionProposalSchema = z.object({
  workingDays: z.coerce.number({ message: '延长天数应为数字 / working days must be a number' }).int().min(1, '至少延长1个工作日 / at least 1 working day').max(20, '延长期限最长不得超过20个工作日 / at most 20 working days (条例 第三十三条)'),
  reason: required(1000, '延期理由', 'the reason'),
});

export const feeNoticeSchema = z.object({
  method: z.enum(['per-request', 'per-page'], { message: '请选择计费方式 / choose the charging method' }),
  pages: z.coerce.number().int().min(0).max(1_000_000).optional(),
  payment: required(500, '缴费方式', 'how to pay'),
});

export const dateOnlySchema = z.object({ on: isoDate('日期', 'date') });

export const decisionSchema = z
  .object({
    outcome: z.string().refine((c) => outcomeOf(c) !== undefined, '请选择办理结果 / choose the outcome'),
    reasons: trimmed(5000).default(''),
    provided: trimmed(5000).default(''),
    referralAgency: trimmed(100).default(''),
    referralContact: trimmed(200).default(''),
    publicSummary: required(200, '公开登记摘要', 'the public register summary'),
    releaseConsent: checkbox,
  })
  .superRefine((v, ctx) => {
    const group = outcomeOf(v.outcome)?.group;
    // 第三十六条（三）, 第三十七条: refusing or withholding part must give reasons.
    if ((group === 'withheld' || group === 'partial' || group === 'not-processed' || group === 'unavailable') && !v.reasons) {
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: '该结果须说明理由 / this outcome needs reasons' });
    }
    if ((group === 'disclosed' || group === 'partial') && !v.provided) {
      ctx.addIssue({ code: 'custom', path: ['provided'], message: '请说明提供的信息及获取方式 / say what is provided and how' });
    }
  });
export type DecisionInput = z.infer<typeof decisionSchema>;

export const appealSchema = z.object({
  kind: z.enum(APPEAL_KINDS, { message: '请选择类型 / choose the kind' }),
  filedOn: isoDate('申请或起诉日期', 'filed on'),
  result: z.enum(APPEAL_RESULTS, { message: '请选择结果 / choose the result' }),
  concludedOn: optionalDate('审结日期', 'concluded on'),
  note: trimmed(1000).default(''),
});

export const noteSchema = z.object({ comment: required(2000, '备注', 'the note') });
export const assignSchema = z.object({ userId: z.coerce.number().int().positive({ message: '请选择经办人 / choose an officer' }) });
