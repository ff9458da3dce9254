import type { Api } from '../../lib/http.ts';
import * as checklist from './checklist.ts';
import * as customDev from './custom-dev.ts';
import * as deadlines from './deadlines.ts';
import * as evidence from './evidence.ts';
import * as pilots from './pilots.ts';
import * as sheets from './sheets.ts';
import * as tenders from './tenders.ts';
import * as uploads from './uploads.ts';

const isApi = (v: unknown): v is Api =>
  typeof v === 'object' && v !== null && 'request' in v && 'routes' in v && 'fn' in v;

/**
 * Every API function's declaration by function name, for /openapi.json and the tests (a handler
 * imports only its own area's file). test/unit/api/openapi.test.ts fails for a route without one.
 */
export const declarations: ReadonlyMap<string, Api> = new Map(
  [checklist, customDev, deadlines, evidence, pilots, sheets, tenders, uploads]
    .flatMap((area) => Object.values(area))
    .filter(isApi)
    .map((a) => [a.fn, a]),
);
