/**
 * Tables 二, 三 and 四 of the annual report, laid out cell for cell as the national template
 * (reference §2.1, §2.3, §2.5). The merged header cells make these "complex" tables, so every data
 * cell names its headers with `headers` → `id` (WCAG 1.3.1, technique H43); `scope` alone cannot
 * express the nesting.
 */
import { TableWrap } from '../../platform/views/forms.js';
import {
  ORGANISATION_COLUMNS,
  TABLE2_TITLE,
  TABLE3_APPLICANTS,
  TABLE3_NOTE,
  TABLE3_ORGANISATIONS,
  TABLE3_TITLE,
  TABLE4_TITLE,
  formatWanYuan,
  table2Values,
} from '../export.js';
import {
  TABLE2_BLOCKS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  TABLE4_CELL_LABELS,
  TABLE4_CELLS,
  TABLE4_GROUP_LABELS,
  TABLE4_GROUPS,
  type Table2,
  type Table3,
  type Table3Column,
  type Table4,
} from '../model.js';

/** Ids are prefixed so that two reports can share a page (e.g. a year-on-year comparison). */
interface IdPrefix {
  readonly idPrefix?: string;
}

const ids = (...list: readonly string[]) => list.join(' ');

/** The grid of table 二 is 4 columns: 信息内容 + 3 value columns; a single value column spans all 3. */
const TABLE2_VALUE_COLUMNS = 3;

export function Table2View({ t, idPrefix = 'ar2' }: { t: Table2 } & IdPrefix) {
  return (
    <TableWrap label={TABLE2_TITLE}>
      <table class="data ar-table ar-table2">
        <caption>{TABLE2_TITLE}</caption>
        {TABLE2_BLOCKS.map((block, b) => {
          const blockId = `${idPrefix}-b${b}`;
          const colId = (c: number) => `${blockId}-c${c}`;
          const span = block.columns.length === 2 ? TABLE2_VALUE_COLUMNS : undefined;
          return (
            <tbody>
              <tr>
                <th id={blockId} colSpan={TABLE2_VALUE_COLUMNS + 1} class="ar-block">
                  {block.item}
                </th>
              </tr>
              <tr>
                {block.columns.map((label, c) => (
                  <th id={colId(c)} headers={blockId} colSpan={c > 0 ? span : undefined} class="ar-col">
                    {label}
                  </th>
                ))}
              </tr>
              {block.rows.map((row, r) => {
                const rowId = `${blockId}-r${r}`;
                const fee = row.key === 'feesTenThousandYuan';
                return (
                  <tr>
                    <th id={rowId} headers={ids(blockId, colId(0))} class="ar-row">
                      {row.label}
                    </th>
                    {table2Values(t, row.key).map((v, i) => (
                      <td headers={ids(blockId, colId(i + 1), rowId)} colSpan={span} class="ar-num">
                        {fee ? formatWanYuan(v) : String(v)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          );
        })}
      </table>
    </TableWrap>
  );
}

/** Number of label columns of table 三 (一/二/三 · （一）…（七） · 1.…8.). */
const LABEL_COLUMNS = 3;

const samePrefix = (a: readonly string[], b: readonly string[], level: number) => a.slice(0, level + 1).every((label, i) => b[i] === label);

/**
 * Where each label cell of table 三 starts and how far it reaches: a cell is drawn in the first row
 * whose labels (up to its level) it covers, spans down over the following rows with the same
 * labels, and the innermost label of a row spans right over the unused label columns.
 */
function table3LabelCells() {
  return TABLE3_ROWS.map((row, i) => {
    return row.labels.map((label, level) => {
      let start = i;
      while (start > 0 && samePrefix(row.labels, TABLE3_ROWS[start - 1]!.labels, level)) start--;
      let end = i + 1;
      while (end < TABLE3_ROWS.length && samePrefix(row.labels, TABLE3_ROWS[end]!.labels, level)) end++;
      const last = level === row.labels.length - 1;
      return { label, level, start, drawn: start === i, rowSpan: end - start, colSpan: last ? LABEL_COLUMNS - level : 1 };
    });
  });
}

export function Table3View({ t, idPrefix = 'ar3' }: { t: Table3 } & IdPrefix) {
  const applicantsId = `${idPrefix}-applicants`;
  const orgsId = `${idPrefix}-orgs`;
  const colId = (c: Table3Column) => `${idPrefix}-c-${c}`;
  const colHeaders = (c: Table3Column) => (c === 'natural' || c === 'total' ? ids(applicantsId, colId(c)) : ids(applicantsId, orgsId, colId(c)));
  const labelId = (start: number, level: number) => `${idPrefix}-r${start}-${level}`;
  const labelCells = table3LabelCells();
  return (
    <TableWrap label={TABLE3_TITLE}>
      <table class="data ar-table ar-table3">
        <caption>{TABLE3_TITLE}</caption>
        <thead>
          <tr>
            <td colSpan={LABEL_COLUMNS} rowSpan={3} class="ar-note">
              {TABLE3_NOTE}
            </td>
            <th id={applicantsId} colSpan={TABLE3_COLUMNS.length}>
              {TABLE3_APPLICANTS}
            </th>
          </tr>
          <tr>
            <th id={colId('natural')} headers={applicantsId} rowSpan={2}>
              {TABLE3_COLUMN_LABELS.natural}
            </th>
            <th id={orgsId} headers={applicantsId} colSpan={ORGANISATION_COLUMNS.length}>
              {TABLE3_ORGANISATIONS}
            </th>
            <th id={colId('total')} headers={applicantsId} rowSpan={2}>
              {TABLE3_COLUMN_LABELS.total}
            </th>
          </tr>
          <tr>
            {ORGANISATION_COLUMNS.map((c) => (
              <th id={colId(c)} headers={ids(applicantsId, orgsId)}>
                {TABLE3_COLUMN_LABELS[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TABLE3_ROWS.map((row, i) => {
            const cells = labelCells[i]!;
            const rowHeaders = cells.map((c) => labelId(c.start, c.level));
            return (
              <tr>
                {cells
                  .filter((c) => c.drawn)
                  .map((c) => (
                    <th
                      id={labelId(c.start, c.level)}
                      headers={c.level > 0 ? ids(...rowHeaders.slice(0, c.level)) : undefined}
                      rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
                      colSpan={c.colSpan > 1 ? c.colSpan : undefined}
                      class="ar-row"
                    >
                      {c.label}
                    </th>
                  ))}
                {TABLE3_COLUMNS.map((c) => (
                  <td headers={ids(...rowHeaders, colHeaders(c))} class="ar-num">
                    {String(t[row.key]?.[c] ?? 0)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function Table4View({ t, idPrefix = 'ar4' }: { t: Table4 } & IdPrefix) {
  // Header row 1: the outer labels (行政复议, 行政诉讼), each over all the cells of its groups.
  const outer = [...new Set(TABLE4_GROUPS.map((g) => TABLE4_GROUP_LABELS[g][0]!))];
  const outerId = (label: string) => `${idPrefix}-h${outer.indexOf(label)}`;
  const groupId = (g: string) => `${idPrefix}-g-${g}`;
  const cellId = (g: string, c: string) => `${idPrefix}-${g}-${c}`;
  const nested = (g: (typeof TABLE4_GROUPS)[number]) => TABLE4_GROUP_LABELS[g].length > 1;
  /** A group's header chain down to (excluding) its cells. */
  const groupHeaders = (g: (typeof TABLE4_GROUPS)[number]) => (nested(g) ? [outerId(TABLE4_GROUP_LABELS[g][0]!), groupId(g)] : [outerId(TABLE4_GROUP_LABELS[g][0]!)]);
  return (
    <TableWrap label={TABLE4_TITLE}>
      <table class="data ar-table ar-table4">
        <caption>{TABLE4_TITLE}</caption>
        <thead>
          <tr>
            {outer.map((label) => (
              <th id={outerId(label)} colSpan={TABLE4_GROUPS.filter((g) => TABLE4_GROUP_LABELS[g][0] === label).length * TABLE4_CELLS.length}>
                {label}
              </th>
            ))}
          </tr>
          <tr>
            {TABLE4_GROUPS.map((g) =>
              nested(g) ? (
                <th id={groupId(g)} headers={outerId(TABLE4_GROUP_LABELS[g][0]!)} colSpan={TABLE4_CELLS.length}>
                  {TABLE4_GROUP_LABELS[g][1]}
                </th>
              ) : (
                TABLE4_CELLS.map((c) => (
                  <th id={cellId(g, c)} headers={ids(...groupHeaders(g))} rowSpan={2}>
                    {TABLE4_CELL_LABELS[c]}
                  </th>
                ))
              ),
            )}
          </tr>
          <tr>
            {TABLE4_GROUPS.filter(nested).map((g) =>
              TABLE4_CELLS.map((c) => (
                <th id={cellId(g, c)} headers={ids(...groupHeaders(g))}>
                  {TABLE4_CELL_LABELS[c]}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          <tr>
            {TABLE4_GROUPS.map((g) =>
              TABLE4_CELLS.map((c) => (
                <td headers={ids(...groupHeaders(g), cellId(g, c))} class="ar-num">
                  {String(t[g][c])}
                </td>
              )),
            )}
          </tr>
        </tbody>
      </table>
    </TableWrap>
  );
}
