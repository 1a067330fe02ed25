/**
 * One service item on the workbench: its list history and the form that records a list change
 * (取消, 合并, 下放 take it off the list; 新增 brings a removed item back). Edits to the guide itself
 * go through the import, so that every change of a guide is a row someone can review in a sheet.
 * Also the import help: the column layout, generated from ITEM_COLUMNS.
 */
import type { ColumnSpec } from '../../../platform/files/table-import.js';
import { SelectField, TableWrap, TextArea, TextField } from '../../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { CHANGE_LABELS, type ChangeKind, type ItemChange } from '../../model.js';
import type { ItemView } from '../../service.js';
import { itemHref } from '../format.js';

interface ItemPageProps {
  readonly ctx: PageContext;
  readonly view: ItemView;
  readonly mayManage: boolean;
  readonly today: string;
  readonly values?: Record<string, string> | undefined;
  readonly problems?: readonly string[] | undefined;
  readonly saved?: boolean;
}

/** The changes the form offers: what may follow the item's current state. */
export const changeChoices = (onList: boolean): ChangeKind[] => (onList ? ['cancelled', 'merged', 'delegated'] : ['added']);

export function StaffItemPage({ ctx, view, mayManage, today, values, problems, saved }: ItemPageProps) {
  const { row, guide, agency, history } = view;
  const onList = row.onList === 1;
  const title = `${guide.name}（${row.code}）`;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <p>
        <a href="/staff/services">← 办事事项清单</a>
      </p>
      <h1>{title}</h1>
      {saved ? (
        <p class="notice" role="status">
          已记入清单变更记录。
        </p>
      ) : null}
      <dl class="facts">
        <dt>实施机关</dt>
        <dd>{agency.name}</dd>
        <dt>事项类型</dt>
        <dd>{guide.type}</dd>
        <dt>清单状态</dt>
        <dd>{onList ? '在清单中' : '已移出清单'}</dd>
        <dt>办事指南</dt>
        <dd>
          <a href={itemHref(row.code)}>公开页面</a>
        </dd>
      </dl>
      <h2>清单变更记录</h2>
      <HistoryTable history={history} />
      {mayManage ? (
        <section aria-labelledby="svc-change">
          <h2 id="svc-change">记录清单变更</h2>
          <p>修改办事指南内容请导出事项表，改后导入（导入时记为“调整”）。</p>
          <ErrorSummary problems={problems} />
          <form method="post" action={`/staff/services/items/${encodeURIComponent(row.code)}/change`} class="stack narrow">
            <CsrfField ctx={ctx} />
            <SelectField name="kind" label="变更类型" required value={values?.kind} options={changeChoices(onList).map((k) => ({ value: k, label: CHANGE_LABELS[k] }))} />
            <TextField name="on" label="变更日期" type="date" required value={values?.on ?? today} />
            <TextField name="document" label="依据文件" hint="如 岚政发〔2026〕3号；同一文件的变更在清理页面为同一轮" value={values?.document} />
            <TextField name="target" label="变更对象" hint="合并：并入的事项编码；下放：承接机构代码" value={values?.target} />
            <TextArea name="reason" label="变更原因" required rows={3} value={values?.reason} />
            <button type="submit">记录变更</button>
          </form>
        </section>
      ) : null}
    </StaffLayout>
  );
}

function HistoryTable({ history }: { history: readonly ItemChange[] }) {
  return (
    <TableWrap label="清单变更记录">
      <table class="data">
        <caption class="visually-hidden">清单变更记录：日期、变更、依据文件、原因</caption>
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">变更</th>
            <th scope="col">依据文件</th>
            <th scope="col">原因</th>
          </tr>
        </thead>
        <tbody>
          {history.map((c) => (
            <tr>
              <td>{c.on}</td>
              <td>
                {CHANGE_LABELS[c.kind]}
                {c.target ? `（${c.target}）` : ''}
              </td>
              <td>{c.document || '—'}</td>
              <td>{c.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function ImportHelpPage({ ctx, columns }: { ctx: PageContext; columns: readonly ColumnSpec<string>[] }) {
  const title = '办事事项导入说明';
  return (
    <StaffLayout ctx={ctx} title={title}>
      <p>
        <a href="/staff/services">← 办事事项清单</a>
      </p>
      <h1>{title}</h1>
      <p>
        一行一个事项。表头可在前十行内（上方可有标题行），列的顺序不限；表头按中文列名、英文键名或别名识别。申请材料每行一种，写作“名称｜形式｜份数｜必要性｜来源｜格式”；办理流程每行一步；常见问题“问：”“答：”各占一行。导出的文件即是这种格式。
      </p>
      <TableWrap label="列格式">
        <table class="data">
          <caption class="visually-hidden">列格式：列名、键名、是否必需、填写说明、别名</caption>
          <thead>
            <tr>
              <th scope="col">列名</th>
              <th scope="col">键名</th>
              <th scope="col">必需</th>
              <th scope="col">填写说明</th>
              <th scope="col">别名</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr>
                <td>{c.zh}</td>
                <td>
                  <code>{c.key}</code>
                </td>
                <td>{c.required ? '是' : '否'}</td>
                <td>{c.help}</td>
                <td>{c.aliases.join('、') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </StaffLayout>
  );
}
