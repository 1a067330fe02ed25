/**
 * The demo city's service items and 双公示 results (data/demo/services.json): every item and
 * history entry passes the model's schemas, the three list rounds chain as designed, merge and
 * delegation targets exist, ID numbers carry valid check characters, and exactly three results
 * were published late (more than 7 working days after the decision).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadShippedSchedules } from '../platform/calendar/load.js';
import { countWorkingDays, isIsoDate, WorkingDayCalendar } from '../platform/calendar/model.js';
import { checkIdDocument } from '../requests/identity.js';
import {
  BUSINESS_EVENTS,
  changeSchema,
  cleanupRounds,
  serviceItemSchema,
  STAYS_ON_LIST,
  type ItemChange,
  type ItemType,
  type ServiceItemInput,
} from './model.js';

interface RawFile {
  _comment: string;
  items: (Record<string, unknown> & { history: unknown })[];
  results: RawResult[];
}
interface RawResult {
  kind: string;
  agency: string;
  decisionNumber: string;
  subjectType: string;
  subjectName: string;
  subjectId: string;
  legalBasis: string;
  content: string;
  decidedOn: string;
  publishedOn: string;
  publicUntil: string | null;
}
interface RawAgency {
  code: string;
  level: string;
  kind: string;
}

const readJson = <T>(rel: string): T => JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as T;
const FILE = readJson<RawFile>('../../data/demo/services.json');
const AGENCIES = readJson<RawAgency[]>('../../data/demo/agencies.json');
const AGENCY_CODES = new Set(AGENCIES.map((a) => a.code));

type Item = ServiceItemInput & { history: ItemChange[] };
const ITEMS: Item[] = FILE.items.map((raw) => ({ ...serviceItemSchema.parse(raw), history: changeSchema.array().parse(raw.history) }));
const byCode = new Map(ITEMS.map((i) => [i.code, i]));

const INITIAL = { on: '2019-06-30', document: '岚政发〔2019〕12号' };
const ROUND_2 = { on: '2022-04-15', document: '岚政发〔2022〕8号' };
const ROUND_3 = { on: '2025-09-30', document: '岚政发〔2025〕21号' };

/** Whether the item is on the list at the end of `day` (after that day's changes). */
const onListAfter = (item: Item, day: string): boolean => {
  const last = item.history.filter((c) => c.on <= day).at(-1);
  return last !== undefined && STAYS_ON_LIST.has(last.kind);
};
const END = '9999-12-31';

const TYPE_LETTERS: Readonly<Record<ItemType, string>> = {
  行政许可: 'XK',
  行政确认: 'QR',
  行政给付: 'JF',
  行政奖励: 'JL',
  行政裁决: 'CJ',
  其他行政权力: 'QT',
  公共服务: 'GG',
};

describe('demo service items (data/demo/services.json)', () => {
  test('the file documents its rules in a _comment', () => {
    assert.ok(FILE._comment.includes('publicUntil'));
    assert.ok(FILE._comment.includes('失信行为纠正后的信用信息修复管理办法'));
  });

  test('55 items, every one passing serviceItemSchema, with unique codes of the form <agency>-<type letters>-<4 digits>', () => {
    assert.equal(ITEMS.length, 55);
    assert.ok(ITEMS.length >= 48);
    assert.equal(byCode.size, ITEMS.length, 'codes are unique');
    for (const item of ITEMS) {
      assert.equal(item.code, `${item.agency}-${TYPE_LETTERS[item.type]}-${item.code.slice(-4)}`, item.code);
      assert.match(item.code, /-\d{4}$/, item.code);
    }
  });

  test('every item belongs to an agency of the demo city, across at least 10 city departments and some lower ones', () => {
    for (const item of ITEMS) assert.ok(AGENCY_CODES.has(item.agency), `${item.code}: unknown agency ${item.agency}`);
    const level = new Map(AGENCIES.map((a) => [a.code, a.level]));
    const cityDepartments = new Set(ITEMS.map((i) => i.agency).filter((a) => level.get(a) === '市' && a !== 'ljs'));
    assert.ok(cityDepartments.size >= 10, `${cityDepartments.size} city departments`);
    assert.ok(ITEMS.some((i) => level.get(i.agency) === '县'), 'some district/county items');
  });

  test('a mix of item types', () => {
    const count = (t: ItemType) => ITEMS.filter((i) => i.type === t).length;
    assert.ok(count('行政许可') >= 20);
    assert.ok(count('公共服务') >= 5);
    assert.ok(count('行政确认') >= 3);
    assert.ok(count('行政给付') >= 3);
    assert.ok(count('行政奖励') >= 1);
    assert.ok(count('行政裁决') >= 1);
  });

  test('guides are complete: materials, steps, deadlines, online address, FAQ', () => {
    for (const item of ITEMS) {
      assert.ok(item.materials.length >= 3 && item.materials.length <= 8, `${item.code}: ${item.materials.length} materials`);
      assert.ok(item.steps.length >= 3 && item.steps.length <= 6, `${item.code}: ${item.steps.length} steps`);
      assert.ok(item.faq.length >= 1 && item.faq.length <= 3, `${item.code}: ${item.faq.length} FAQ entries`);
      assert.ok(item.conditions.length > 0 && item.place.length > 0 && item.hours.length > 0 && item.phone.length > 0, item.code);
      assert.equal(item.onlineUrl, `https://zwfw.lanjiang.gov.cn/item/${item.code}`);
      if (item.statutoryDays !== null && item.promisedDays !== null) {
        assert.ok(item.promisedDays <= item.statutoryDays, `${item.code}: promised ${item.promisedDays} > statutory ${item.statutoryDays}`);
      }
      assert.ok(item.events.length <= 3, item.code);
    }
  });

  test('history: oldest first, starting with an added entry in one of the three rounds', () => {
    const documents = new Set([INITIAL.document, ROUND_2.document, ROUND_3.document]);
    for (const item of ITEMS) {
      assert.ok(item.history.length >= 1, item.code);
      assert.equal(item.history[0]!.kind, 'added', item.code);
      for (const [i, c] of item.history.entries()) {
        assert.ok(isIsoDate(c.on), `${item.code}: ${c.on}`);
        assert.ok(documents.has(c.document), `${item.code}: ${c.document}`);
        if (i > 0) assert.ok(item.history[i - 1]!.on < c.on, `${item.code}: history out of order`);
        if (c.kind === 'merged' || c.kind === 'delegated') assert.ok(c.target !== '', `${item.code}: ${c.kind} without target`);
        else assert.equal(c.target, '', `${item.code}: ${c.kind} with a target`);
      }
      // Nothing happens to an item after it leaves the list.
      const offAt = item.history.findIndex((c) => !STAYS_ON_LIST.has(c.kind));
      if (offAt >= 0) assert.equal(offAt, item.history.length - 1, `${item.code}: changes after leaving the list`);
    }
    assert.equal(ITEMS.filter((i) => i.history[0]!.on === INITIAL.on).length, 49);
  });

  test('merged items point at an item that exists and is on the list after the round and today', () => {
    const merges = ITEMS.flatMap((i) => i.history.filter((c) => c.kind === 'merged').map((c) => ({ from: i.code, ...c })));
    assert.equal(merges.length, 4);
    for (const m of merges) {
      const target = byCode.get(m.target);
      assert.ok(target, `${m.from}: merge target ${m.target} does not exist`);
      assert.notEqual(target.code, m.from);
      assert.ok(onListAfter(target, m.on), `${m.from}: ${m.target} is not on the list after ${m.on}`);
      assert.ok(onListAfter(target, END), `${m.from}: ${m.target} is no longer on the list`);
    }
  });

  test('delegated items point at a lower-level department of the demo city', () => {
    const level = new Map(AGENCIES.map((a) => [a.code, a]));
    const delegations = ITEMS.flatMap((i) => i.history.filter((c) => c.kind === 'delegated').map((c) => ({ from: i, ...c })));
    assert.equal(delegations.length, 4);
    for (const d of delegations) {
      const agency = level.get(d.target);
      assert.ok(agency, `${d.from.code}: ${d.target} is not an agency code`);
      assert.equal(agency.level, '县', `${d.from.code}: delegated to ${d.target}`);
      assert.equal(agency.kind, 'department');
      assert.equal(level.get(d.from.agency)?.level, '市', `${d.from.code}: only city items are delegated`);
    }
  });

  test('cleanupRounds gives the three designed rounds: 0 → 49 → 44 → 40', () => {
    const rounds = cleanupRounds(ITEMS);
    assert.deepEqual(
      rounds.map((r) => ({ on: r.on, document: r.document, before: r.before, after: r.after })),
      [
        { ...INITIAL, before: 0, after: 49 },
        { ...ROUND_2, before: 49, after: 44 },
        { ...ROUND_3, before: 44, after: 40 },
      ],
    );
    const kinds = (i: number) => {
      const counts: Record<string, number> = {};
      for (const c of rounds[i]!.changes) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
      return counts;
    };
    assert.deepEqual(kinds(0), { added: 49 });
    assert.deepEqual(kinds(1), { added: 3, changed: 6, cancelled: 6, merged: 2 });
    assert.deepEqual(kinds(2), { added: 3, changed: 4, cancelled: 1, merged: 2, delegated: 4 });
    // Before and after chain from one round to the next.
    for (let i = 1; i < rounds.length; i++) assert.equal(rounds[i]!.before, rounds[i - 1]!.after);
    const takenOff = rounds.slice(1).flatMap((r) => r.changes).filter((c) => !STAYS_ON_LIST.has(c.kind)).length;
    assert.equal(takenOff, 15);
    const onList = ITEMS.filter((i) => onListAfter(i, END));
    assert.equal(onList.length, 40);
    assert.ok(onList.length >= 34);
  });

  test('life events suit the applicant: enterprise items use business events', () => {
    const business = new Set<string>(BUSINESS_EVENTS);
    for (const code of ['ljs-scjgj-XK-0001', 'ljs-zjj-XK-0001', 'ljs-fgw-QT-0001', 'ljs-sthjj-XK-0001']) {
      const item = byCode.get(code)!;
      assert.ok(item.events.length > 0 && item.events.every((e) => business.has(e)), code);
    }
    for (const code of ['ljs-rsj-JF-0002', 'ljs-gaj-GG-0001', 'ljs-wjw-GG-0004', 'ljs-zrzyj-QR-0002']) {
      const item = byCode.get(code)!;
      assert.ok(item.events.length > 0 && item.events.every((e) => !business.has(e)), code);
    }
  });
});

describe('demo 双公示 results (data/demo/services.json)', () => {
  const RESULTS = FILE.results;
  const calendar = new WorkingDayCalendar(loadShippedSchedules());
  const delay = (r: RawResult) => countWorkingDays(calendar, r.decidedOn, r.publishedOn);
  const plusYears = (d: string, n: number) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;

  test('32 results: 19 许可 and 13 处罚 by departments of the demo city, decision numbers unique', () => {
    assert.equal(RESULTS.length, 32);
    assert.ok(RESULTS.length >= 30);
    assert.equal(RESULTS.filter((r) => r.kind === '许可').length, 19);
    assert.equal(RESULTS.filter((r) => r.kind === '处罚').length, 13);
    assert.equal(new Set(RESULTS.map((r) => r.decisionNumber)).size, RESULTS.length);
    for (const r of RESULTS) {
      assert.ok(r.kind === '许可' || r.kind === '处罚', r.decisionNumber);
      assert.ok(AGENCY_CODES.has(r.agency), `${r.decisionNumber}: unknown agency ${r.agency}`);
      assert.match(r.decisionNumber, /〔2026〕/);
      assert.ok(r.subjectName.length > 0 && r.legalBasis.length > 0 && r.content.length > 0, r.decisionNumber);
    }
  });

  test('about a third are natural persons; every ID has a valid check character', () => {
    const natural = RESULTS.filter((r) => r.subjectType === 'natural');
    assert.equal(natural.length, 12);
    assert.ok(natural.length / RESULTS.length >= 0.25 && natural.length / RESULTS.length <= 0.45);
    for (const r of RESULTS) {
      assert.ok(r.subjectType === 'natural' || r.subjectType === 'legal', r.decisionNumber);
      const check = checkIdDocument(r.subjectType === 'natural' ? 'resident-id' : 'credit-code', r.subjectId, { today: '2026-12-31' });
      assert.ok(check.ok, `${r.decisionNumber} ${r.subjectId}: ${check.problems.join('; ')}`);
      assert.equal(check.normalized, r.subjectId);
    }
  });

  test('dates: decided in 2026 up to 20 November, published on or after the decision', () => {
    for (const r of RESULTS) {
      assert.ok(isIsoDate(r.decidedOn) && isIsoDate(r.publishedOn), r.decisionNumber);
      assert.ok(r.decidedOn >= '2026-01-01' && r.decidedOn <= '2026-11-20', `${r.decisionNumber}: ${r.decidedOn}`);
      assert.ok(r.publishedOn >= r.decidedOn, `${r.decisionNumber}: published before the decision`);
      assert.ok(calendar.isWorkingDay(r.decidedOn), `${r.decisionNumber}: decided on a day off`);
    }
  });

  test('exactly three were published more than 7 working days after the decision (8–15)', () => {
    const late = RESULTS.filter((r) => delay(r).days > 7);
    assert.deepEqual(
      late.map((r) => [r.decisionNumber, delay(r).days]),
      [
        ['岚环罚〔2026〕8号', 12],
        ['岚建许〔2026〕112号', 10],
        ['岚人社许〔2026〕17号', 9],
      ],
    );
    for (const r of RESULTS) assert.equal(delay(r).provisional, false, r.decisionNumber);
  });

  test('publicUntil: null for 许可; decision + 1 year for a warning alone, + 3 years once a fine is imposed', () => {
    for (const r of RESULTS) {
      if (r.kind === '许可') {
        assert.equal(r.publicUntil, null, r.decisionNumber);
        continue;
      }
      const fined = /罚款/.test(r.content.slice(r.content.indexOf('处罚内容')));
      assert.equal(r.publicUntil, plusYears(r.decidedOn, fined ? 3 : 1), r.decisionNumber);
    }
    assert.equal(RESULTS.filter((r) => r.kind === '处罚' && r.publicUntil === plusYears(r.decidedOn, 1)).length, 2);
  });
});
