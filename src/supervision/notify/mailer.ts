/**
 * E-mail of the daily digests. The transport comes from SMTP_URL (none = e-mail off, digests stay on
 * the workbench). Each user gets at most one digest a day: the row in notification_digest (unique
 * user + day) is claimed before sending, so two processes never both send, and a failed send is
 * recorded and tried again only the next day.
 */
import nodemailer from 'nodemailer';
import { render } from 'preact-render-to-string';
import { loadCalendar } from '../../platform/calendar/service.js';
import { chinaDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { supervisionSettings } from '../settings.js';
import { digestText } from './model.js';
import { digestFor, identityOf } from './service.js';
import * as store from './store.js';
import { DigestEmail } from './views.js';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** The SMTP mailer from the configuration, or null when SMTP_URL is unset. */
export function mailerFromConfig(config: { smtpUrl: string | undefined; mailFrom: string }): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(config.smtpUrl, { from: config.mailFrom });
  return {
    async send(m) {
      await transport.sendMail({ from: config.mailFrom, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    close: () => transport.close(),
  };
}

export interface DigestRun {
  readonly sent: number;
  readonly failed: number;
  readonly noEmail: number;
  /** users whose digest of the day was already claimed (this or another process) */
  readonly already: number;
}

const beijingHour = (at: Date) => new Date(at.getTime() + 8 * 3600_000).getUTCHours();

const baseUrlOf = (config: AppContext['config']) => config.publicBaseUrl ?? `http://${config.host}:${config.port}`;

/** Sends today's digest to every enabled user with something to do. */
export async function sendDailyDigests(deps: AppContext, mailer: Mailer | null): Promise<DigestRun> {
  const result = { sent: 0, failed: 0, noEmail: 0, already: 0 };
  const settings = await supervisionSettings(deps.db);
  if (mailer === null || !settings.emailDigests) return result;
  const now = deps.clock.now();
  const today = chinaDate(now);
  // Working days only, from the set hour (Beijing time): nothing lands at midnight or on a weekend.
  if (beijingHour(now) < settings.digestHour || !(await loadCalendar(deps.db)).isWorkingDay(today)) return result;
  const baseUrl = baseUrlOf(deps.config);
  for (const user of await store.enabledUsers(deps.db)) {
    const staff = identityOf(user);
    const digest = await digestFor(deps.db, staff, today);
    if (digest.total === 0) continue;
    const email = user.email.trim();
    if (!(await store.claimDigest(deps.db, user.id, today, digest.total, email ? 'sending' : 'no_email', now.toISOString()))) {
      result.already++;
      continue;
    }
    if (!email) {
      result.noEmail++;
      continue;
    }
    try {
      await mailer.send({
        to: email,
        subject: `【政务公开】${today} 待办提醒：${digest.total}项`,
        text: digestText(user.displayName, today, digest, baseUrl),
        html: `<!DOCTYPE html>${render(DigestEmail({ name: user.displayName, today, digest, baseUrl }))}`,
      });
      await store.setDigestOutcome(deps.db, user.id, today, 'sent', null);
      result.sent++;
    } catch (e) {
      await store.setDigestOutcome(deps.db, user.id, today, 'failed', (e instanceof Error ? e.message : String(e)).slice(0, 500));
      result.failed++;
    }
  }
  return result;
}
