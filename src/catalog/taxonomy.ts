import { toTraditional } from '../platform/i18n/chinese.js';

/**
 * Fixed vocabularies of the catalogue, copied from `shared/reference/regulations.md`.
 * Labels are data so that a deployment can rename a topic (怒江州 renames topic 17) later.
 */

// §5.1: gov.cn policy-library topics (主题分类), stored as `一级\二级`.
export const TOPICS: Readonly<Record<string, readonly string[]>> = {
  国务院组织机构: ['国务院', '国务院办公厅', '国务院组成部门', '国务院直属特设机构', '国务院直属机构', '国务院办事机构', '国务院直属事业单位', '国务院部委管理的国家局', '国务院议事协调机构', '其他'],
  综合政务: ['政务公开', '政务督查', '应急管理', '电子政务', '文秘工作', '保密工作', '信访', '参事、文史', '其他'],
  '国民经济管理、国有资产监管': ['宏观经济', '经济体制改革', '统计', '物价', '国有资产监管', '重大建设项目', '其他'],
  '财政、金融、审计': ['财政', '税务', '银行', '货币（含外汇）', '证券', '保险', '社会信用体系建设', '审计', '其他'],
  '国土资源、能源': ['土地', '矿产', '水资源', '海洋', '煤炭', '石油与天然气', '电力', '其他'],
  '农业、林业、水利': ['农业、畜牧业、渔业', '林业', '水利', '其他'],
  '工业、交通': ['机械制造与重工业', '轻工纺织', '化工', '国防工业', '航天、航空', '信息产业（含电信）', '公路', '水运', '铁路', '民航', '邮政', '其他'],
  '商贸、海关、旅游': ['对外经贸合作', '国内贸易（含供销）', '海关', '检验、检疫', '旅游', '其他'],
  '市场监管、安全生产监管': ['工商', '质量监督', '标准', '食品药品监管', '安全生产监管', '其他'],
  '城乡建设、环境保护': ['城市规划', '城乡建设（含住房）', '环境监测、保护与治理', '节能与资源综合利用', '气象、水文、测绘、地震', '其他'],
  '科技、教育': ['科技', '教育', '知识产权', '其他'],
  '文化、广电、新闻出版': ['文化', '文物', '新闻出版', '广播、电影、电视', '其他'],
  '卫生、体育': ['卫生', '医药管理', '体育', '其他'],
  '人口与计划生育、妇女儿童工作': ['人口与计划生育', '妇女儿童', '其他'],
  '劳动、人事、监察': ['劳动就业', '社会保障', '人事工作', '军转安置', '监察', '纠正行业不正之风', '其他'],
  '公安、安全、司法': ['公安', '国家安全', '司法', '其他'],
  '民政、扶贫、救灾': ['减灾救灾', '优抚安置', '社会福利', '行政区划与地名', '社团管理', '扶贫', '其他'],
  '民族、宗教': ['民族事务', '宗教事务'],
  对外事务: ['外交、外事', '国际条约、国际组织', '其他'],
  港澳台侨工作: ['港澳工作', '对台工作', '侨务工作'],
  国防: ['国防建设', '国防动员'],
  其他: [],
};

/** Every valid stored topic: each top-level name alone and each `一级\二级` pair. */
export const TOPIC_VALUES: readonly string[] = Object.entries(TOPICS).flatMap(([top, subs]) => [top, ...subs.map((s) => `${top}\\${s}`)]);

export function isTopic(value: string): boolean {
  return TOPIC_VALUES.includes(value);
}

export function topLevelTopic(value: string): string {
  return value.split('\\')[0] ?? value;
}

// §5.3: the 15 公文种类 (中办发〔2012〕14号 第八条), the names of 法规/规章 documents, and 解读.
export const GENRES = [
  '决议', '决定', '命令（令）', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要',
  '条例', '规定', '办法', '细则', '规划', '方案', '解读',
] as const;
export type Genre = (typeof GENRES)[number];

// 五公开: 决策、执行、管理、服务、结果 (中办发〔2016〕8号《关于全面推进政务公开工作的意见》).
export const CATEGORIES = ['决策公开', '执行公开', '管理公开', '服务公开', '结果公开'] as const;
export type Category = (typeof CATEGORIES)[number];

// 条例 第十三条: two ways of disclosure, plus withholding under 第十四至十六条.
export const MODES = ['主动公开', '依申请公开', '不予公开'] as const;
export type DisclosureMode = (typeof MODES)[number];

export const VALIDITIES = ['有效', '失效', '废止', '已修订'] as const;
export type Validity = (typeof VALIDITIES)[number];

export const INTERPRETATION_KINDS = ['文字解读', '图解', '专家解读', '新闻发布会'] as const;
export type InterpretationKind = (typeof INTERPRETATION_KINDS)[number];

// §1.1: legal grounds for not disclosing proactively (条例 第十四、十五、十六条).
export const GROUNDS = {
  STATE_SECRET: { article: '第十四条', label: '依法确定为国家秘密的政府信息', mandatory: true },
  LAW_FORBIDS: { article: '第十四条', label: '法律、行政法规禁止公开的政府信息', mandatory: true },
  THREE_SECURITIES_ONE_STABILITY: { article: '第十四条', label: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息', mandatory: true },
  THIRD_PARTY_RIGHTS: { article: '第十五条', label: '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息', mandatory: false },
  INTERNAL_AFFAIRS: { article: '第十六条第一款', label: '行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等）', mandatory: false },
  PROCESS_INFO: { article: '第十六条第二款', label: '过程性信息（讨论记录、过程稿、磋商信函、请示报告等）', mandatory: false },
  ENFORCEMENT_CASE_FILE: { article: '第十六条第二款', label: '行政执法案卷信息', mandatory: false },
} as const;
export type Ground = keyof typeof GROUNDS;
export const GROUND_CODES = Object.keys(GROUNDS) as Ground[];

// 条例 第二十条: the fifteen kinds of information every organ discloses proactively (statutory columns).
export { PROACTIVE_SCOPE as STATUTORY_ITEMS } from '../platform/views/statutory-texts.js';

// Pages are rendered in 简体 and converted to 繁體 whole, option values included: a filter form on
// a 繁體 page sends 綜合政務 for 综合政务. Each vocabulary maps its 繁體 spellings back, exactly.
const FORM_VOCABULARIES: Record<string, readonly string[]> = { topic: TOPIC_VALUES, category: CATEGORIES, genre: GENRES, validity: VALIDITIES };
let fromTraditional: Map<string, Map<string, string>> | undefined;

/** A filter value as stored: the 简体 vocabulary entry for its 繁體 spelling, or the value unchanged. */
export function vocabularyValue(field: string, value: string): string {
  fromTraditional ??= new Map(Object.entries(FORM_VOCABULARIES).map(([key, values]) => [key, new Map(values.map((v) => [toTraditional(v), v]))]));
  return fromTraditional.get(field)?.get(value) ?? value;
}

/** A query string with its vocabulary fields (topic, category, genre, validity) mapped back to 简体. */
export function vocabularyFromForm(raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...((raw ?? {}) as Record<string, unknown>) };
  for (const key of Object.keys(FORM_VOCABULARIES)) if (typeof out[key] === 'string') out[key] = vocabularyValue(key, out[key]);
  return out;
}
