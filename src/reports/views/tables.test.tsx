import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { render } from 'preact-render-to-string';
import { APPLICANT_TYPES } from '../../requests/model.js';
import { TABLE3_APPLICANTS, TABLE3_NOTE, formatWanYuan, table3ColumnPath } from '../export.js';
import { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_CELL_LABELS, TABLE4_CELLS, TABLE4_GROUP_LABELS, TABLE4_GROUPS, buildTable3, buildTable4, type Table2, type Table4 } from '../model.js';
import { Table2View, Table3View, Table4View } from './tables.js';

// ---------------------------------------------------------------- a small reader for our own markup

interface Cell {
  readonly tag: 'th' | 'td';
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
}
interface Row {
  readonly section: string;
  readonly cells: readonly Cell[];
}

const unescape = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The rows of the first table in `html`, each with the section (thead/tbody) it sits in. */
function rows(html: string): Row[] {
  const out: Row[] = [];
  for (const section of html.matchAll(/<(thead|tbody)>([\s\S]*?)<\/\1>/g)) {
    for (const tr of section[2]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
      const cells = [...tr[1]!.matchAll(/<(th|td)((?:\s[^>]*)?)>([\s\S]*?)<\/\1>/g)].map((m) => ({
        tag: m[1] as 'th' | 'td',
        attrs: Object.fromEntries([...m[2]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
        text: unescape(m[3]!),
      }));
      out.push({ section: section[1]!, cells });
    }
  }
  return out;
}

const spans = (c: Cell) => [c.text, Number(c.attrs.colspan ?? 1), Number(c.attrs.rowspan ?? 1)] as const;

/** The texts of the header cells a data cell names in `headers`, in that order. */
function headerTexts(all: readonly Row[], cell: Cell): string[] {
  const byId = new Map(all.flatMap((r) => r.cells).flatMap((c) => (c.attrs.id ? [[c.attrs.id, c.text] as const] : [])));
  return (cell.attrs.headers ?? '').split(' ').map((id) => byId.get(id) ?? `missing:${id}`);
}

/** Lays the table out on its grid; each row must fill exactly `width` columns, with no overlaps. */
function assertGrid(all: readonly Row[], width: number): void {
  const taken: boolean[][] = [];
  all.forEach((row, r) => {
    taken[r] ??= [];
    let col = 0;
    for (const cell of row.cells) {
      while (taken[r][col]) col++;
      const [, colspan, rowspan] = spans(cell);
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) {
          taken[r + dr] ??= [];
          assert.ok(!taken[r + dr]![col + dc], `cell "${cell.text}" overlaps at row ${r + dr}, column ${col + dc}`);
          taken[r + dr]![col + dc] = true;
        }
      }
      col += colspan;
    }
  });
  assert.equal(taken.length, all.length, 'no rowspan reaches past the last row');
  taken.forEach((cols, r) => assert.equal(cols.filter(Boolean).length, width, `row ${r} has ${width} columns`));
}

// ---------------------------------------------------------------- fixtures with a distinct figure per cell

const table3 = buildTable3(
  TABLE3_ROWS.filter((r) => r.key !== 'results-total').flatMap((r, i) => APPLICANT_TYPES.map((applicantType, j) => ({ row: r.key, applicantType, n: (i + 1) * 100 + j + 1 }))),
);
const table4: Table4 = buildTable4(
  TABLE4_GROUPS.flatMap((group, i) => (['upheld', 'corrected', 'other', 'pending'] as const).map((result, j) => ({ group, result, n: (i + 1) * 10 + j + 1 }))),
);
const table2: Table2 = {
  rules: { made: 1, repealed: 2, inForce: 3 },
  normativeDocuments: { made: 4, repealed: 5, inForce: 6 },
  licensing: 7,
  penalties: 8,
  enforcement: 9,
  feesTenThousandYuan: 12.34,
};

describe('Table3View', () => {
  const html = render(<Table3View t={table3} />);
  const all = rows(html);
  const head = all.filter((r) => r.section === 'thead');
  const body = all.filter((r) => r.section === 'tbody');

  test('has a caption, sits in a focusable labelled region, and lays out on the 10-column grid', () => {
    assert.match(html, /^<div class="table-wrap" tabindex="0" role="region" aria-label="三、收到和处理政府信息公开申请情况">/);
    assert.match(html, /<caption>三、收到和处理政府信息公开申请情况<\/caption>/);
    assertGrid(all, 10);
  });

  test('the three header rows are the template’s, span for span', () => {
    assert.deepEqual(
      head.map((r) => r.cells.map(spans)),
      [
        [
          [TABLE3_NOTE, 3, 3],
          [TABLE3_APPLICANTS, 7, 1],
        ],
        [
          ['自然人', 1, 2],
          ['法人或其他组织', 5, 1],
          ['总计', 1, 2],
        ],
        [
          ['商业企业', 1, 1],
          ['科研机构', 1, 1],
          ['社会公益组织', 1, 1],
          ['法律服务机构', 1, 1],
          ['其他', 1, 1],
        ],
      ],
    );
    assert.equal(head[0]!.cells[0]!.tag, 'td', 'the caption note is not a header of any column');
  });

  test('25 body rows (一, 二, the 22 result rows, 四) with the label cells merged as in the template', () => {
    assert.equal(body.length, 25);
    const labelCells = body.flatMap((r) => r.cells.filter((c) => c.tag === 'th')).map(spans);
    const find = (prefix: string) => labelCells.find(([text]) => text.startsWith(prefix));
    assert.deepEqual(find('一、本年新收'), ['一、本年新收政府信息公开申请数量', 3, 1]);
    assert.deepEqual(find('二、上年结转'), ['二、上年结转政府信息公开申请数量', 3, 1]);
    assert.deepEqual(find('三、'), ['三、本年度办理结果', 1, 22]);
    assert.deepEqual(find('（一）'), ['（一）予以公开', 2, 1]);
    assert.deepEqual(find('（二）'), ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 2, 1]);
    assert.deepEqual(find('（三）'), ['（三）不予公开', 1, 8]);
    assert.deepEqual(find('（四）'), ['（四）无法提供', 1, 3]);
    assert.deepEqual(find('（五）'), ['（五）不予处理', 1, 5]);
    assert.deepEqual(find('（六）'), ['（六）其他处理', 1, 3]);
    assert.deepEqual(find('（七）'), ['（七）总计', 2, 1]);
    assert.deepEqual(find('四、'), ['四、结转下年度继续办理', 3, 1]);
    assert.deepEqual(find('1.属于国家秘密'), ['1.属于国家秘密', 1, 1]);
    // 2 + 1 + 2 + 1 + 8 + 1 + 3 + 1 + 5 + 1 + 3 + 1 + 1 label cells
    assert.equal(labelCells.length, 30);
  });

  test('each data cell shows its own figure, right-aligned, under its row and column headers', () => {
    body.forEach((r, i) => {
      const row = TABLE3_ROWS[i]!;
      const data = r.cells.filter((c) => c.tag === 'td');
      assert.equal(data.length, 7);
      data.forEach((cell, j) => {
        const col = TABLE3_COLUMNS[j]!;
        assert.equal(cell.text, String(table3[row.key]![col]), `${row.key} × ${col}`);
        assert.equal(cell.attrs.class, 'ar-num');
        assert.deepEqual(headerTexts(all, cell), [...row.labels, TABLE3_APPLICANTS, ...table3ColumnPath(col)]);
      });
    });
    assert.equal(body[4]!.cells.at(-6)!.text, '502', '（三）1.属于国家秘密 × 商业企业');
  });
});

describe('Table4View', () => {
  const all = rows(render(<Table4View t={table4} />));

  test('the header rows are the template’s, on the 15-column grid', () => {
    assertGrid(all, 15);
    const head = all.filter((r) => r.section === 'thead').map((r) => r.cells.map(spans));
    const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    assert.deepEqual(head, [
      [
        ['行政复议', 5, 1],
        ['行政诉讼', 10, 1],
      ],
      [...results.map((t) => [t, 1, 2] as const), ['未经复议直接起诉', 5, 1], ['复议后起诉', 5, 1]],
      [...results, ...results].map((t) => [t, 1, 1] as const),
    ]);
  });

  test('15 numeric cells, each under the right headers', () => {
    const data = all.filter((r) => r.section === 'tbody').flatMap((r) => r.cells);
    assert.equal(data.length, 15);
    assert.ok(data.every((c) => c.tag === 'td' && c.attrs.class === 'ar-num'));
    const expected = TABLE4_GROUPS.flatMap((g) => TABLE4_CELLS.map((c) => ({ text: String(table4[g][c]), headers: [...TABLE4_GROUP_LABELS[g], TABLE4_CELL_LABELS[c]] })));
    assert.deepEqual(
      data.map((c) => ({ text: c.text, headers: headerTexts(all, c) })),
      expected,
    );
    assert.deepEqual(headerTexts(all, data[13]!), ['行政诉讼', '复议后起诉', '尚未审结']);
    assert.equal(data[13]!.text, '34');
    assert.equal(data[14]!.text, String(31 + 32 + 33 + 34));
  });
});

describe('Table2View', () => {
  const all = rows(render(<Table2View t={table2} />));

  test('four blocks, each headed by a row across the 4-column grid', () => {
    assertGrid(all, 4);
    const blockHeads = all.filter((r) => r.cells.length === 1).map((r) => r.cells.map(spans)[0]);
    assert.deepEqual(blockHeads, [
      ['第二十条第（一）项', 4, 1],
      ['第二十条第（五）项', 4, 1],
      ['第二十条第（六）项', 4, 1],
      ['第二十条第（八）项', 4, 1],
    ]);
  });

  test('figures sit under block, column and row; the fee in 万元 without trailing zeros', () => {
    const data = all.flatMap((r) => r.cells).filter((c) => c.tag === 'td');
    assert.deepEqual(
      data.map((c) => c.text),
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '12.34'],
    );
    assert.deepEqual(headerTexts(all, data[5]!), ['第二十条第（一）项', '现行有效件数', '行政规范性文件']);
    assert.deepEqual(headerTexts(all, data[9]!), ['第二十条第（八）项', '本年收费金额（单位：万元）', '行政事业性收费']);
    assert.equal(data[9]!.attrs.colspan, '3');
    assert.equal(all.flatMap((r) => r.cells).find((c) => c.text === '行政处罚')?.tag, 'th');
  });

  test('formatWanYuan: at most 4 decimals, no trailing zeros, 0 as "0"', () => {
    assert.deepEqual(
      [0, 10, 100.5, 0.0001, 1.23456, 12.3, 2500, -0].map(formatWanYuan),
      ['0', '10', '100.5', '0.0001', '1.2346', '12.3', '2500', '0'],
    );
  });
});

describe('all three tables on one page', () => {
  const html = render(
    <>
      <Table2View t={table2} />
      <Table3View t={table3} />
      <Table4View t={table4} />
    </>,
  );

  test('ids are unique and every headers attribute names existing header cells', () => {
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    const thIds = new Set([...html.matchAll(/<th [^>]*id="([^"]+)"/g)].map((m) => m[1]!));
    const refs = [...html.matchAll(/ headers="([^"]+)"/g)].flatMap((m) => m[1]!.split(' '));
    assert.ok(refs.length > 0);
    for (const id of refs) assert.ok(thIds.has(id), `headers names ${id}`);
    // every data cell has headers; 10 + 25 × 7 + 15 data cells
    const tds = [...html.matchAll(/<td( [^>]*)?>/g)].map((m) => m[1] ?? '');
    assert.equal(tds.filter((a) => a.includes('class="ar-num"')).length, 10 + 25 * 7 + 15);
    assert.ok(tds.filter((a) => a.includes('ar-num')).every((a) => a.includes('headers="')));
  });

  test('a second report on the same page can take its own id prefix', () => {
    const twice = render(
      <>
        <Table3View t={table3} />
        <Table3View t={table3} idPrefix="prev3" />
      </>,
    );
    const ids = [...twice.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(new Set(ids).size, ids.length);
  });
});
