import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLookupForm } from './lookup.js';

const MISSING = '请填写申请编号 / enter the tracking number';

describe('parseLookupForm', () => {
  test('both fields, trimmed', () => {
    assert.deepEqual(parseLookupForm({ trackingNumber: ' YSQ2026-000001 ', queryCode: ' ABCDE12345\n', _csrf: 'x' }, MISSING), { ok: true, trackingNumber: 'YSQ2026-000001', queryCode: 'ABCDE12345' });
  });

  test('each missing field is named, the number is kept for the form', () => {
    assert.deepEqual(parseLookupForm({ trackingNumber: 'LY2026-000001', queryCode: '  ' }, MISSING), {
      ok: false,
      trackingNumber: 'LY2026-000001',
      problems: { queryCode: ['请填写查询码 / enter the query code'] },
    });
    assert.deepEqual(parseLookupForm(undefined, MISSING), {
      ok: false,
      trackingNumber: '',
      problems: { trackingNumber: [MISSING], queryCode: ['请填写查询码 / enter the query code'] },
    });
  });

  test('a malformed body counts as empty', () => {
    assert.deepEqual(parseLookupForm({ trackingNumber: ['a', 'b'], queryCode: 'x'.repeat(201) }, MISSING), {
      ok: false,
      trackingNumber: '',
      problems: { trackingNumber: [MISSING], queryCode: ['请填写查询码 / enter the query code'] },
    });
  });
});
