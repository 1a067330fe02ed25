import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maskPersonName, maskPublicIdNumber, maskVehiclePlates } from './mask.js';
import { cleanupRounds, type ItemChange } from './model.js';

const added = (on: string, document: string): ItemChange => ({ kind: 'added', on, reason: '公布', document, target: '' });
const off = (kind: ItemChange['kind'], on: string, document: string, target = ''): ItemChange => ({ kind, on, reason: '清理', document, target });

describe('清理 rounds are computed from item histories', () => {
  test('a list published with 6 items, cut to 4, then to 3 with one new item: 0 → 6 → 4 → 3', () => {
    // Worked by hand: A–F listed on 2019-06-30; 2022-04-15 cancels B and merges C into A (6 → 4);
    // 2025-09-30 delegates D, cancels E and adds G (4 → 3: A, F, G).
    const items = [
      { code: 'A', name: '甲', history: [added('2019-06-30', '岚政发〔2019〕12号'), { kind: 'changed' as const, on: '2022-04-15', reason: '承诺时限缩短', document: '岚政发〔2022〕8号', target: '' }] },
      { code: 'B', name: '乙', history: [added('2019-06-30', '岚政发〔2019〕12号'), off('cancelled', '2022-04-15', '岚政发〔2022〕8号')] },
      { code: 'C', name: '丙', history: [added('2019-06-30', '岚政发〔2019〕12号'), off('merged', '2022-04-15', '岚政发〔2022〕8号', 'A')] },
      { code: 'D', name: '丁', history: [added('2019-06-30', '岚政发〔2019〕12号'), off('delegated', '2025-09-30', '岚政发〔2025〕21号', 'ljs-hxq')] },
      { code: 'E', name: '戊', history: [added('2019-06-30', '岚政发〔2019〕12号'), off('cancelled', '2025-09-30', '岚政发〔2025〕21号')] },
      { code: 'F', name: '己', history: [added('2019-06-30', '岚政发〔2019〕12号')] },
      { code: 'G', name: '庚', history: [added('2025-09-30', '岚政发〔2025〕21号')] },
    ];
    const rounds = cleanupRounds(items);
    assert.deepEqual(
      rounds.map((r) => [r.document, r.before, r.after, r.changes.length]),
      [
        ['岚政发〔2019〕12号', 0, 6, 6],
        ['岚政发〔2022〕8号', 6, 4, 3],
        ['岚政发〔2025〕21号', 4, 3, 3],
      ],
    );
    assert.deepEqual(
      rounds[1]?.changes.map((c) => `${c.code}:${c.kind}${c.target ? `→${c.target}` : ''}`).sort(),
      ['A:changed', 'B:cancelled', 'C:merged→A'],
    );
  });
});

describe('双公示 masking of natural persons', () => {
  test('names keep the family name and the last character', () => {
    assert.equal(maskPersonName('张某'), '张*');
    assert.equal(maskPersonName('张晓明'), '张*明');
    assert.equal(maskPersonName('欧阳娜娜'), '欧**娜');
    assert.equal(maskPersonName('李'), '*');
    assert.equal(maskPersonName('John Smith'), 'J*** S****');
  });

  test('ID numbers show 4 + 2 characters at most', () => {
    assert.equal(maskPublicIdNumber('11010519491231002x'), '1101************2X');
    assert.equal(maskPublicIdNumber('１１０１０５１９４９１２３１００２X'), '1101************2X');
    assert.equal(maskPublicIdNumber('E1234'), '*****');
  });
});

describe('vehicle plates in a natural person’s decision', () => {
  test('keep the province and authority letter only', () => {
    assert.equal(maskVehiclePlates('驾驶小型轿车（号牌澜A·5K3Q8）行经'), '驾驶小型轿车（号牌澜A·*****）行经');
    assert.equal(maskVehiclePlates('号牌京AD12345的新能源车'), '号牌京A******的新能源车');
    assert.equal(maskVehiclePlates('粤B 12345'), '粤B *****');
  });
  test('leave text that is not a plate alone', () => {
    assert.equal(maskVehiclePlates('《电镀污染物排放标准》（GB 21900—2008）'), '《电镀污染物排放标准》（GB 21900—2008）');
    assert.equal(maskVehiclePlates('第A·BCDEF号'), '第A·BCDEF号', 'no digit: a code word, not a plate');
    assert.equal(maskVehiclePlates('型号为X1234567'), '型号为X1234567', 'seven characters is not a plate');
  });
});

