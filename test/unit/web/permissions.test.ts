import { describe, expect, it } from 'vitest';
import { roles, routes } from '../../../functions/routes.ts';
import { type Action, can, type Session } from '../../../web/src/lib/session.ts';

/**
 * The app shows a control only to the roles the route table lets through: no button that answers 403,
 * no role left without the control its route allows. (answer / assign / review share one PATCH route
 * whose fields are checked per role in flows/update-item.ts, so they are not 1:1 with a route.)
 */
const routeOf: Record<Exclude<Action, 'answer' | 'assign' | 'review'>, `${string} ${string}`> = {
  import: 'POST /tenders/import',
  recordEvent: 'POST /tenders/{id}/events',
  markMet: 'POST /deadlines/{id}/met',
  editEvidence: 'POST /evidence',
  settings: 'PUT /settings/{name}',
  requestCustomDev: 'POST /custom-dev-requests',
  assessCustomDev: 'PUT /custom-dev-requests/{id}/technical',
  decideCustomDev: 'POST /custom-dev-requests/{id}/decision',
  editPilot: 'PATCH /pilots/{id}',
  transitionPilot: 'POST /pilots/{id}/transition',
  importRequirements: 'POST /tenders/{id}/requirements/import',
  uploadMatrix: 'POST /tenders/{id}/compliance-matrix',
  buildPackage: 'POST /tenders/{id}/package',
};

const session = (role: Session['roles'][number]): Session => ({
  token: 't',
  org: 'o',
  user: 'u',
  roles: [role],
  expiresAt: 0,
});

describe('web permissions mirror the route table', () => {
  for (const [action, key] of Object.entries(routeOf) as [keyof typeof routeOf, string][]) {
    it(`${action} ⇔ ${key}`, () => {
      const route = routes.find((r) => `${r.method} ${r.path}` === key);
      expect(route, key).toBeDefined();
      const auth = route?.auth;
      expect(Array.isArray(auth), `${key} is role-restricted`).toBe(true);
      const allowed = new Set(Array.isArray(auth) ? auth : []);
      for (const role of roles)
        expect(can(session(role), action), `${action} for ${role}`).toBe(allowed.has(role));
    });
  }
});
