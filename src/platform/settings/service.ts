import type { AuditActor } from '../audit/model.js';
import { appendAudit } from '../audit/store.js';
import type { ServiceDeps } from '../context.js';
import { getSiteInfo, putSiteInfo, type SiteInfo } from './store.js';

/** Changes the site identity (header and footer of every page), audited in the same transaction. */
export async function updateSiteInfo(deps: ServiceDeps, by: { actor: AuditActor; ip?: string }, raw: unknown): Promise<SiteInfo> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await getSiteInfo(tx);
    const after = await putSiteInfo(tx, raw);
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: null,
      action: 'site.update',
      objectType: 'site',
      objectId: 'site',
      summary: '修改网站标识信息',
      before,
      after,
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return after;
  });
}
