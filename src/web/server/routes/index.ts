// Every API route, in one list. To add routes: write `routes/<name>.ts` exporting a RouteDef[] (each
// route declares its access: 'public' | 'user' | 'manage-data' | 'admin') and add it here. The app
// applies the Origin check, the session and the access to every route before its handler runs.
import type { RouteDef } from '../context.ts';
import { sessionRoutes } from './session.ts';
import { securityRoutes } from './security.ts';
import { itemRoutes } from './items.ts';
import { attachmentRoutes } from './attachments.ts';
import { adminRoutes } from './admin.ts';
import { dataRoutes } from './data.ts';
import { bulletinRoutes } from './bulletin.ts';
import { consoleRoutes } from './console.ts';
import { dailyRoutes } from './daily.ts';
import { riskRoutes } from './risk.ts';
import { spotcheckRoutes } from './spotcheck.ts';
import { ruleRoutes } from './rules.ts';
import { healthRoutes } from './health.ts';

export const ROUTES: readonly RouteDef[] = [
  ...healthRoutes,
  ...sessionRoutes,
  ...securityRoutes,
  ...itemRoutes,
  ...attachmentRoutes,
  ...adminRoutes,
  ...dataRoutes,
  ...bulletinRoutes,
  ...consoleRoutes,
  ...dailyRoutes,
  ...riskRoutes,
  ...spotcheckRoutes,
  ...ruleRoutes,
];
