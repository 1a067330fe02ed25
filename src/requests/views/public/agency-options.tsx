/**
 * The agency chooser of the application form: one <optgroup> per people's government (its own
 * office and its departments), lower governments after it, indented by their depth in the tree.
 */
import { buildAgencyTree, type AgencyNode } from '../../../agencies/model.js';
import type { AgencyRow } from '../../../platform/db/schema.js';

export interface AgencyGroup {
  /** depth of the group's government in the tree (0 = a top government) */
  readonly depth: number;
  readonly label: string;
  readonly options: readonly { code: string; label: string }[];
}

export const INDENT = '\u3000';

/** The groups in display order; a government's departments (and their sub-units) sit in its group. */
export function agencyGroups(rows: readonly AgencyRow[]): AgencyGroup[] {
  const groups: AgencyGroup[] = [];
  const departments = (nodes: readonly AgencyNode[], depth: number): { code: string; label: string }[] =>
    nodes
      .filter((n) => n.agency.kind !== 'government')
      .flatMap((n) => [{ code: n.agency.code, label: `${INDENT.repeat(depth)}${n.agency.name}` }, ...departments(n.children, depth + 1)]);
  const visit = (node: AgencyNode, depth: number): void => {
    groups.push({
      depth,
      label: `${INDENT.repeat(depth)}${node.agency.name}`,
      options: [{ code: node.agency.code, label: node.agency.name }, ...departments(node.children, 1)],
    });
    for (const child of node.children) if (child.agency.kind === 'government') visit(child, depth + 1);
  };
  for (const root of buildAgencyTree(rows)) visit(root, 0);
  return groups;
}

export function AgencyOptions({ groups, selected }: { groups: readonly AgencyGroup[]; selected: string }) {
  return (
    <>
      <option value="" selected={selected === ''}>
        请选择受理机关
      </option>
      {groups.map((g) => (
        <optgroup label={g.label}>
          {g.options.map((o) => (
            <option value={o.code} selected={o.code === selected}>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
