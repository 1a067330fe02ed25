/**
 * 清理 page of a government (/services/cleanup/:code): every round of changes to its list of
 * service items, with the counts before and after — computed from the items' histories.
 */
import type { AgencyRow } from '../../platform/db/schema.js';
import { TableWrap } from '../../platform/views/forms.js';
import { PublicLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { CHANGE_KINDS, CHANGE_LABELS, type CleanupRound } from '../model.js';
import { agencyHref, HALL, itemHref } from './format.js';

/** 0 → 48 → 41 → 36: the count before the first round, then after each. */
export function countChain(rounds: readonly CleanupRound[]): string {
  if (rounds.length === 0) return '0';
  return [rounds[0]!.before, ...rounds.map((r) => r.after)].join(' → ');
}

/** 新增 3 项、取消 1 项 */
function kindSummary(round: CleanupRound): string {
  return CHANGE_KINDS.map((k) => [k, round.changes.filter((c) => c.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${CHANGE_LABELS[k]} ${n} 项`)
    .join('、');
}

interface CleanupProps {
  readonly ctx: PageContext;
  readonly agency: AgencyRow;
  readonly rounds: readonly CleanupRound[];
  /** Agency names by code, for delegated items. */
  readonly agencyNames: ReadonlyMap<string, string>;
}

export function CleanupPage({ ctx, agency, rounds, agencyNames }: CleanupProps) {
  const itemNames = new Map(rounds.flatMap((r) => r.changes.map((c) => [c.code, c.name] as const)));
  const title = `${agency.name}政务服务事项清单调整情况`;
  return (
    <PublicLayout ctx={ctx} title={title} crumbs={[HALL, { label: '清单调整（清理）' }]}>
      <h1>{title}</h1>
      <p>本页列出{agency.name}及其工作部门政务服务事项清单的每一轮调整（清理），事项数由各事项的变更记录计算得出。</p>
      {rounds.length === 0 ? (
        <p>尚未公布事项清单。</p>
      ) : (
        <p class="sv-chain">
          清单事项数：<strong>{countChain(rounds)}</strong>（共 {rounds.length} 轮，现有 {rounds.at(-1)!.after} 项）
        </p>
      )}
      {rounds.map((r, i) => (
        <section class="sv-round" aria-labelledby={`sv-round-${i + 1}`}>
          <h2 id={`sv-round-${i + 1}`}>
            {r.on} {r.document || (i === 0 ? '首次公布' : '清单调整')}
          </h2>
          <p>
            <strong class="sv-count-change">
              {r.before} 项 → {r.after} 项
            </strong>
            （{kindSummary(r)}）
          </p>
          <TableWrap label={`${r.on} 调整的事项`}>
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">事项编码</th>
                  <th scope="col">名称</th>
                  <th scope="col">变化</th>
                  <th scope="col">去向</th>
                  <th scope="col">理由</th>
                </tr>
              </thead>
              <tbody>
                {r.changes.map((c) => (
                  <tr>
                    <td>
                      <a href={itemHref(c.code)}>{c.code}</a>
                    </td>
                    <td>{c.name}</td>
                    <td>{CHANGE_LABELS[c.kind]}</td>
                    <td>
                      {!c.target ? (
                        '—'
                      ) : c.kind === 'delegated' ? (
                        <a href={agencyHref(c.target)}>{agencyNames.get(c.target) ?? c.target}</a>
                      ) : (
                        <a href={itemHref(c.target)}>{itemNames.get(c.target) ?? c.target}</a>
                      )}
                    </td>
                    <td>{c.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
      <p>
        <a href={`/services/items?agency=${encodeURIComponent(agency.code)}`}>查看{agency.name}现行事项</a>
      </p>
    </PublicLayout>
  );
}
