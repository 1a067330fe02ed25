import { agencyRoutes } from './agencies/routes.js';
import { catalogPublicRoutes } from './catalog/routes.public.js';
import { catalogStaffRoutes } from './catalog/routes.staff.js';
import { auditRoutes } from './platform/audit/routes.js';
import { authRoutes } from './platform/auth/routes.js';
import { calendarRoutes } from './platform/calendar/routes.js';
import type { RouteModule } from './platform/http/app.js';
import { siteRoutes } from './platform/settings/routes.js';
import { helpRoutes } from './help/routes.js';
import { inspectionStaffRoutes } from './inspection/routes.staff.js';
import { portalRoutes } from './portal/routes.js';
import { searchRoutes } from './search/routes.js';
import { serviceRoutes } from './services/routes.js';
import { serviceStaffRoutes } from './services/routes.staff.js';
import { requestPublicRoutes } from './requests/routes.public.js';
import { requestStaffRoutes } from './requests/routes.staff.js';
import { requestSettingsRoutes } from './requests/routes.settings.js';
import { reportPublicRoutes } from './reports/routes.public.js';
import { reportStaffRoutes } from './reports/routes.staff.js';
import { workbenchRoutes } from './workbench/routes.js';
import { consultationPublicRoutes } from './supervision/consultations/routes.public.js';
import { consultationStaffRoutes } from './supervision/consultations/routes.staff.js';
import { messagePublicRoutes } from './supervision/messages/routes.public.js';
import { messageStaffRoutes } from './supervision/messages/routes.staff.js';
import { ratingRoutes } from './supervision/ratings/routes.js';
import { assessmentPublicRoutes } from './supervision/assessment/routes.public.js';
import { assessmentStaffRoutes } from './supervision/assessment/routes.staff.js';
import { accountabilityStaffRoutes } from './supervision/accountability/routes.staff.js';
import { notificationStaffRoutes } from './supervision/notify/routes.staff.js';

/** Every feature's routes, in registration order. New features add their module here. */
export const ROUTE_MODULES: readonly RouteModule[] = [
  portalRoutes,
  helpRoutes,
  agencyRoutes,
  catalogPublicRoutes,
  catalogStaffRoutes,
  searchRoutes,
  serviceRoutes,
  serviceStaffRoutes,
  requestPublicRoutes,
  requestStaffRoutes,
  requestSettingsRoutes,
  reportPublicRoutes,
  reportStaffRoutes,
  inspectionStaffRoutes,
  consultationPublicRoutes,
  consultationStaffRoutes,
  messagePublicRoutes,
  messageStaffRoutes,
  ratingRoutes,
  assessmentPublicRoutes,
  assessmentStaffRoutes,
  accountabilityStaffRoutes,
  notificationStaffRoutes,
  authRoutes,
  workbenchRoutes,
  auditRoutes,
  calendarRoutes,
  siteRoutes,
];
