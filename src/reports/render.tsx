/** The publishable report: the six sections of the template in order, tables laid out as the template. */
import { render } from 'preact-render-to-string';
import { TABLE2_TITLE, TABLE3_TITLE, TABLE4_TITLE } from './export.js';
import { SECTION_KEYS, SECTION_LABELS, type Sections } from './inputs.js';
import type { Table2, Table3, Table4 } from './model.js';
import { Table2View, Table3View, Table4View } from './views/tables.js';

export interface RenderableReport {
  readonly year: number;
  readonly agency: { readonly name: string };
  readonly table2: Table2;
  readonly table3: Table3;
  readonly table4: Table4;
  readonly sections: Partial<Sections>;
}

function Paragraphs({ text }: { text: string | undefined }) {
  const paras = (text ?? '').split(/\r?\n+/).map((p) => p.trim()).filter(Boolean);
  return paras.length > 0 ? (
    <>
      {paras.map((p) => (
        <p>{p}</p>
      ))}
    </>
  ) : (
    <p>无。</p>
  );
}

export function ReportBody({ r }: { r: RenderableReport }) {
  const overview = SECTION_KEYS.slice(0, 5);
  return (
    <>
      <p>本报告依据《中华人民共和国政府信息公开条例》第五十条和《中华人民共和国政府信息公开工作年度报告格式》编制，统计期限为{r.year}年1月1日至{r.year}年12月31日。</p>
      <h2>一、总体情况</h2>
      {overview.map((k) => (
        <>
          <h3>{SECTION_LABELS[k].replace('一、总体情况', '')}</h3>
          <Paragraphs text={r.sections[k]} />
        </>
      ))}
      <h2>{TABLE2_TITLE}</h2>
      <Table2View t={r.table2} />
      <h2>{TABLE3_TITLE}</h2>
      <Table3View t={r.table3} />
      <h2>{TABLE4_TITLE}</h2>
      <Table4View t={r.table4} />
      <h2>{SECTION_LABELS.problems}</h2>
      <Paragraphs text={r.sections.problems} />
      <h2>{SECTION_LABELS.other}</h2>
      <Paragraphs text={r.sections.other} />
    </>
  );
}

/** The report as an HTML fragment (the body of its catalogue record, or the export). */
export function renderReportHtml(r: RenderableReport): string {
  return render(<ReportBody r={r} />);
}
