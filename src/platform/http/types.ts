import type { StaffIdentity } from '../auth/model.js';
import type { Lang } from '../i18n/chinese.js';
import type { SiteInfo } from '../settings/store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, resolved from the session cookie on every request. */
    staff: StaffIdentity | null;
    sessionToken: string | null;
    sessionCsrfSecret: string | null;
    lang: Lang;
    elder: boolean;
    /** The site identity shown in the header and footer (null on static files and the API). */
    site: SiteInfo | null;
  }
}

export {};
