/**
 * The workbench's service list: the items of the agencies in the user's scope with their list
 * state and last change, export of the list, and the import form with its outcome — every problem
 * by line and column, or what was saved.
 */
import type { ImportProblem } from '../../../platform/files/table-import.js';
import { ErrorSummary, CsrfField } from '../../../platform/views/layout.js';
import { TableWrap } from '../../../platform/views/forms.js';
import { StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { CHANGE_LABELS, type ChangeKind } from '../../model.js';

export interface StaffItemRow {
  readonly code: string;
  readonly name: string;
  readonly type: string;
  readonly agencyName: string;
  readonly onList: boolean;
  readonly lastChange: { kind: ChangeKind; on: string } | null;
}

export interface ImportOutcomeView {
  readonly fileName: string;
  readonly dryRun: boolean;
  readonly problems: readonly ImportProblem[];
  /** null when nothing was saved */
  readonly saved: { added: number; changed: number } | null;
  readonly wouldSave: number;
  readonly unchanged: number;
}

interface Props {
  readonly ctx: PageContext;
  readonly agencies: readonly { code: string; name: string }[];
  readonly agency: string;
  readonly items: readonly StaffItemRow[];
  readonly mayManage: boolean;
  readonly outcome?: ImportOutcomeView | undefined;
  readonly problems?: readonly string[] | undefined;
}

const exportHref = (format: 'xlsx' | 'csv', agency: string) => `/staff/services/export.${format}${agency ? `?agency=${encodeURIComponent(agency)}` : ''}`;

function Outcome({ outcome }: { outcome: ImportOutcomeView }) {
  if (outcome.problems.length > 0 && outcome.saved === null) {
    return (
      <div class="error-summary" role="alert" aria-labelledby="svi-problems">
        <h2 id="svi-problems">
          “{outcome.fileName}”有 {outcome.problems.length} 处问题，未导入任何事项
        </h2>
        <p>请按下表改正后重新上传；也可勾选“跳过有问题的行”，只导入正确的 {outcome.wouldSave} 行。</p>
        <ProblemTable problems={outcome.problems} />
      </div>
    );
  }
  return (
    <div class="notice" role="status">
      <h2>{outcome.dryRun ? '检查通过（未写入）' : '导入完成'}</h2>
      <p>
        {outcome.saved
          ? `新增 ${outcome.saved.added} 个、更新 ${outcome.saved.changed} 个事项，${outcome.unchanged} 个与清单相同未改动。每个新增或改动的事项都已记入清单变更记录。`
          : `${outcome.wouldSave} 个事项可导入，${outcome.unchanged} 个与清单相同。`}
      </p>
      {outcome.problems.length > 0 ? (
        <>
          <p>以下 {outcome.problems.length} 处问题所在的行已跳过：</p>
          <ProblemTable problems={outcome.problems} />
        </>
      ) : null}
    </div>
  );
}

function ProblemTable({ problems }: { problems: readonly ImportProblem[] }) {
  return (
    <TableWrap label="导入问题">
      <table class="data">
        <caption class="visually-hidden">导入问题：行、列、原因</caption>
        <thead>
          <tr>
            <th scope="col">行</th>
            <th scope="col">列</th>
            <th scope="col">原因</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr>
              <td>{p.line === 0 ? '整个文件' : p.line}</td>
              <td>{p.column}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function StaffItemsPage({ ctx, agencies, agency, items, mayManage, outcome, problems }: Props) {
  const title = '便民服务 · 办事事项清单';
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        事项的新增、调整、取消、合并、下放均记入清单变更记录，公众在“清理”页面看到的各轮清单变化由此计算。<a href="/staff/services/results">双公示</a>
      </p>
      <ErrorSummary problems={problems} />
      {outcome ? <Outcome outcome={outcome} /> : null}
      <form method="get" action="/staff/services" class="filters">
        <div class="field">
          <label for="svs-agency">实施机关</label>
          <select id="svs-agency" name="agency">
            <option value="">权限范围内全部机关</option>
            {agencies.map((a) => (
              <option value={a.code} selected={a.code === agency}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">查看</button>
      </form>
      <p>
        导出清单中的事项（格式与导入相同，可在 Excel 或 WPS 中修改后再导入）：<a href={exportHref('xlsx', agency)}>XLSX</a> · <a href={exportHref('csv', agency)}>CSV</a>
      </p>
      {mayManage ? (
        <section aria-labelledby="svs-import">
          <h2 id="svs-import">导入事项</h2>
          <p>
            一行一个事项，列格式见<a href="/staff/services/import-help">导入说明</a>。文件有任何问题时不导入任何一行，并逐条列出行、列和原因。
          </p>
          <form method="post" action="/staff/services/import" enctype="multipart/form-data" class="stack narrow">
            <CsrfField ctx={ctx} />
            <div class="field">
              <label for="svs-file">事项表（.xlsx 或 .csv）</label>
              <input id="svs-file" name="file" type="file" accept=".xlsx,.csv,.tsv,.txt" required />
            </div>
            <div class="field checkbox">
              <input id="svs-dry" name="dryRun" type="checkbox" value="1" />
              <label for="svs-dry">只检查，不写入</label>
            </div>
            <div class="field checkbox">
              <input id="svs-skip" name="skipInvalid" type="checkbox" value="1" />
              <label for="svs-skip">跳过有问题的行，只导入正确的行</label>
            </div>
            <button type="submit">上传并导入</button>
          </form>
        </section>
      ) : null}
      <h2>事项（{items.length}）</h2>
      {items.length === 0 ? (
        <p>没有事项。</p>
      ) : (
        <TableWrap label="办事事项">
          <table class="data">
            <caption class="visually-hidden">办事事项：编码、名称、类型、实施机关、清单状态、最近变更</caption>
            <thead>
              <tr>
                <th scope="col">事项编码</th>
                <th scope="col">名称</th>
                <th scope="col">类型</th>
                <th scope="col">实施机关</th>
                <th scope="col">清单状态</th>
                <th scope="col">最近变更</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr>
                  <td>{i.code}</td>
                  <td>
                    <a href={`/staff/services/items/${encodeURIComponent(i.code)}`}>{i.name}</a>
                  </td>
                  <td>{i.type}</td>
                  <td>{i.agencyName}</td>
                  <td>{i.onList ? '在清单中' : '已移出清单'}</td>
                  <td>{i.lastChange ? `${i.lastChange.on} ${CHANGE_LABELS[i.lastChange.kind]}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffLayout>
  );
}
