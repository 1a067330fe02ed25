/**
 * Historical request registers (依申请公开登记台账) into the database, so annual reports (#6) and
 * the statistics count past years too. The file is parsed and checked by import-file.ts; here each
 * valid row becomes a request with the events the clock needs (received, extended, closed) and its
 * appeals, all in one transaction: a failure half-way leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { findAgencyByCode } from '../agencies/service.js';
import { appendAudit } from '../platform/audit/store.js';
import { hashPassword } from '../platform/auth/password.js';
import type { ServiceDeps } from '../platform/context.js';
import { errors } from '../platform/errors.js';
import type { ImportedRequest } from './import-file.js';
import { refreshRequest } from './lifecycle.js';
import { formatTrackingNumber } from './model.js';
import * as store from './store.js';

export interface ImportOutcome {
  readonly imported: number;
  /** rows skipped because a request with the same 原登记编号 was imported before */
  readonly alreadyImported: readonly { line: number; externalNumber: string }[];
}

/** Imported requests have no usable query code: the applicant never received one. */
let unusableHash: Promise<string> | undefined;

export async function importRequests(
  deps: ServiceDeps,
  actorLogin: string,
  agencyCode: string,
  rows: readonly ImportedRequest[],
  onProgress?: (done: number, total: number) => void,
): Promise<ImportOutcome> {
  const agency = await findAgencyByCode(deps.db, agencyCode);
  if (!agency) throw errors.validation([`agency: 机构不存在 / no agency with code ${agencyCode}`]);
  unusableHash ??= hashPassword(randomBytes(32).toString('base64url'));
  const codeHash = await unusableHash;
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now().toISOString();
    const existing = new Set(
      (await tx.selectFrom('request').select('externalNumber').where('agencyId', '=', agency.id).where('source', '=', 'import').execute()).map((r) => r.externalNumber),
    );
    const alreadyImported: { line: number; externalNumber: string }[] = [];
    let imported = 0;
    for (const [i, row] of rows.entries()) {
      onProgress?.(i, rows.length);
      if (row.externalNumber && existing.has(row.externalNumber)) {
        alreadyImported.push({ line: row.line, externalNumber: row.externalNumber });
        continue;
      }
      existing.add(row.externalNumber);
      const year = Number(row.receivedOn.slice(0, 4));
      const seq = await store.nextSeq(tx, agency.id, year, 'tracking');
      const request = await store.insertRequest(tx, {
        agencyId: agency.id,
        trackingNumber: formatTrackingNumber(agency.code, year, seq),
        queryCodeHash: codeHash,
        source: 'import',
        externalNumber: row.externalNumber,
        applicantType: row.applicantType,
        // Registers record the applicant's category, not who they were; nothing personal is kept.
        applicantName: '（历史登记）',
        idDocType: 'other',
        idDocNumber: '',
        title: row.title,
        deliveryForm: 'paper',
        deliveryMethod: 'post',
        channel: row.channel,
        submittedOn: row.receivedOn,
        receivedOn: row.receivedOn,
        receiptRule: '历史登记导入：以登记的收到申请日期为准',
        state: 'received',
        dueOn: null,
        assignedTo: null,
        outcome: row.outcome,
        closedOn: null,
        onTime: null,
        publicSummary: '',
        releasedRecordId: null,
        createdAt: now,
        updatedAt: now,
      });
      const event = (kind: string, onDate: string, data: object = {}) =>
        store.insertEvent(tx, { requestId: request.id, at: now, onDate, kind, actorLogin, data, comment: '历史登记导入' });
      await event('received', row.receivedOn, { channel: row.channel });
      // The register gives the length of an extension, not its date: it is dated at receipt.
      if (row.extensionDays > 0) await event('extended', row.receivedOn, { workingDays: row.extensionDays });
      if (row.outcome && row.closedOn) await event('closed', row.closedOn, { outcome: row.outcome });
      for (const a of row.appeals) {
        await store.insertAppeal(tx, {
          requestId: request.id,
          kind: a.kind,
          filedOn: a.filedOn ?? row.closedOn ?? row.receivedOn,
          result: a.result,
          concludedOn: a.concludedOn,
          note: '历史登记导入',
          createdBy: actorLogin,
          createdAt: now,
          updatedAt: now,
        });
      }
      await refreshRequest(tx, request, now);
      imported++;
    }
    onProgress?.(rows.length, rows.length);
    await appendAudit(tx, deps.clock.now(), {
      actor: { id: null, login: actorLogin },
      agencyId: agency.id,
      action: 'request.import',
      objectType: 'agency',
      objectId: agency.code,
      summary: `导入历史依申请公开登记 ${imported} 条`,
      after: { imported, alreadyImported: alreadyImported.length },
    });
    return { imported, alreadyImported };
  });
}
