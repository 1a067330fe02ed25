/**
 * 社会评议 use cases: rate an object once per visitor (records and service items: the `gk_v` visitor
 * cookie; requests: the applicant, known by the tracking number behind their access cookie), with
 * a daily cap per address; the panel shown on each object's page; the roll-up per agency.
 */
import { createHmac } from 'node:crypto';
import { findAgencyByCode } from '../../agencies/service.js';
import { appendAudit } from '../../platform/audit/store.js';
import { isPubliclyVisible } from '../../catalog/model.js';
import * as catalog from '../../catalog/service.js';
import { chinaDate } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { AgencyRow, RatingRow } from '../../platform/db/schema.js';
import { AppError, errors } from '../../platform/errors.js';
import { requestForVerifiedApplicant } from '../../requests/service.js';
import { DAILY_CAP_PER_IP, RATING_OBJECTS, ratingInputSchema, summariseCounts, type RatingObject, type RatingSummary } from './model.js';
import * as store from './store.js';

/** The object a rating is about, with its agency and the page to return to. */
export interface RatedObject {
  readonly type: RatingObject;
  readonly id: number;
  readonly ref: string;
  readonly agencyId: number;
  readonly path: string;
}

/** Hash of a visitor token (cookie) or, for requests, of the tracking number, under the app secret. */
export function visitorHash(secret: string, kind: 'cookie' | 'request', value: string): string {
  return createHmac('sha256', secret).update(`gk-v\n${kind}\n${value}`).digest('hex');
}

/**
 * The object behind a form's objectType + objectRef: a publicly visible record (id), a service item
 * (code) or a request (tracking number) with a final decision. Anything else is a 404.
 */
export async function resolveObject(db: Executor, type: RatingObject, ref: string, nowIso: string): Promise<RatedObject> {
  if (type === 'record') {
    const record = /^\d{1,9}$/.test(ref) ? await catalog.findRecord(db, Number(ref)) : undefined;
    if (!record || !isPubliclyVisible(record, nowIso) || record.status === 'withdrawn') throw errors.notFound('信息');
    return { type, id: record.id, ref: String(record.id), agencyId: record.agencyId, path: `/records/${record.id}` };
  }
  if (type === 'service_item') {
    const item = await store.findServiceItem(db, ref);
    if (!item) throw errors.notFound('办事事项');
    return { type, id: item.id, ref: item.code, agencyId: item.agencyId, path: `/services/items/${encodeURIComponent(item.code)}` };
  }
  const request = await requestForVerifiedApplicant(db, ref);
  if (!request) throw errors.notFound('申请');
  // Only a request with a final decision can be rated (issue #9 item 3: "request closures").
  if (request.state !== 'closed') throw errors.conflict('申请尚未办结，办结后才能评价', 'The request can be rated once it is decided');
  return { type, id: request.id, ref: request.trackingNumber, agencyId: request.agencyId, path: `/requests/status/${encodeURIComponent(request.trackingNumber)}` };
}

export interface RateMeta {
  readonly visitorHash: string;
  readonly ipHash: string;
}

/**
 * Records one rating. Refused: bad input (400), personal data in the comment (400), the same visitor
 * rating the same object again (409), more than DAILY_CAP_PER_IP ratings from one address today (429).
 */
export async function rate(deps: ServiceDeps, object: RatedObject, raw: unknown, meta: RateMeta): Promise<RatingRow> {
  const parsed = ratingInputSchema.safeParse({ objectType: object.type, objectRef: object.ref, ...(raw as object) });
  if (!parsed.success) throw errors.validation(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`));
  const input = parsed.data;
  const now = deps.clock.now();
  const today = chinaDate(now);
  try {
    return await deps.db.transaction().execute(async (tx) => {
      if ((await store.countFromIpOn(tx, meta.ipHash, today)) >= DAILY_CAP_PER_IP) {
        throw new AppError('RATING_CAP', 429, `同一网络今天已评价${DAILY_CAP_PER_IP}次，请明天再试`, `At most ${DAILY_CAP_PER_IP} ratings a day from one address`);
      }
      if (await store.findRating(tx, object.type, object.id, meta.visitorHash)) throw alreadyRated();
      const row = await store.insertRating(tx, {
        objectType: object.type,
        objectId: object.id,
        agencyId: object.agencyId,
        score: input.score,
        comment: input.comment === '' ? null : input.comment,
        visitorHash: meta.visitorHash,
        ipHash: meta.ipHash,
        createdAt: now.toISOString(),
        createdOn: today,
      });
      await appendAudit(tx, now, {
        actor: { id: null, login: 'public' },
        agencyId: object.agencyId,
        action: 'rating.create',
        objectType: object.type,
        objectId: object.ref,
        summary: `社会评议：${input.score}分`,
        after: { score: input.score, commented: input.comment !== '' },
      });
      return row;
    });
  } catch (e) {
    // Two submissions in the same instant: the unique index decides, and the loser hears why.
    if (!(e instanceof AppError) && e instanceof Error && /unique|duplicate/i.test(e.message)) throw alreadyRated();
    throw e;
  }
}

function alreadyRated(): AppError {
  return errors.conflict('您已经评价过，每位访问者对同一内容只能评价一次', 'You have already rated this; one rating per visitor');
}

// ---------------------------------------------------------------- what pages show

export interface RatingPanelData {
  readonly objectType: RatingObject;
  readonly objectRef: string;
  /** where the form posts */
  readonly action: string;
  readonly summary: RatingSummary;
  /** the thank-you notice after a redirect */
  readonly thanked: boolean;
}

/** The panel for one object page: its current roll-up and the form (posting to /ratings). */
export async function ratingPanel(db: Executor, object: { type: RatingObject; id: number; ref: string }, url: string): Promise<RatingPanelData> {
  const thanked = new URL(url, 'http://local').searchParams.get('rated') === '1';
  const action = object.type === 'request' ? `/requests/status/${encodeURIComponent(object.ref)}/rating` : '/ratings';
  return { objectType: object.type, objectRef: object.ref, action, summary: summariseCounts(await store.objectScoreCounts(db, object.type, object.id)), thanked };
}

export interface AgencyRatingSummary {
  readonly agency: Pick<AgencyRow, 'code' | 'name'>;
  readonly overall: RatingSummary;
  readonly byObjectType: Readonly<Record<RatingObject, RatingSummary>>;
}

/** 社会评议 roll-up of one agency: overall and per kind of object. */
export async function agencyRatingSummary(db: Executor, agencyCode: string): Promise<AgencyRatingSummary> {
  const agency = await findAgencyByCode(db, agencyCode);
  if (!agency) throw errors.notFound('机关');
  const counts = await store.agencyScoreCounts(db, agency.id);
  const of = (type: RatingObject) => summariseCounts(counts.filter((c) => c.objectType === type));
  const byObjectType = Object.fromEntries(RATING_OBJECTS.map((t) => [t, of(t)])) as Record<RatingObject, RatingSummary>;
  return { agency: { code: agency.code, name: agency.name }, overall: summariseCounts(counts), byObjectType };
}
