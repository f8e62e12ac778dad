// GET /api/health, for the service manager, a load balancer or a monitoring script: no session, no database
// query. 200 while the server serves; 503 while it starts (migrating the schema) or stops (SIGTERM).
import type { RouteDef } from '../context.ts';

export const healthRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/health', access: 'public',
    doc: 'Whether the server serves (200) or is starting or stopping (503), and its version; no session, no database.',
    handler(c, { phase, options }) {
      const status = phase.current === 'serving' ? 'ok' : phase.current;
      return c.json({ status, version: options.version }, status === 'ok' ? 200 : 503);
    },
  },
];
