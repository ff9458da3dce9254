import type { Api, RequestSchemas } from './lib/http.ts';
import { type Role, roles } from './lib/roles.ts';
import type { CommonParams, Endpoint, Route } from './lib/route.ts';
import { paramPatternsOf } from './path-params.ts';
import type { FunctionName } from './registry.ts';

export { type Role, roles };

const everyone = roles;

/** The one route table: the CDK HTTP API and the local server are both built from it. */
export const routes = [
  { method: 'GET', path: '/health', fn: 'health', auth: 'public' },
  { method: 'GET', path: '/openapi.json', fn: 'openapi', auth: 'public' },
  { method: 'POST', path: '/tenders/import', fn: 'importTender', auth: ['admin', 'bid-manager'] },
  {
    method: 'POST',
    path: '/tenders/import-uploads',
    fn: 'createImportUpload',
    auth: ['admin', 'bid-manager'],
  },
  { method: 'GET', path: '/imports/{id}', fn: 'getImport', auth: everyone },
  { method: 'GET', path: '/tenders', fn: 'listTenders', auth: everyone },
  { method: 'GET', path: '/tenders/{id}', fn: 'getTender', auth: everyone },
  { method: 'GET', path: '/tenders/{id}/checklist', fn: 'listChecklist', auth: everyone },
  {
    method: 'PATCH',
    path: '/tenders/{id}/checklist/{itemId}',
    fn: 'updateChecklistItem',
    auth: ['admin', 'bid-manager', 'contributor', 'reviewer'],
  },
  { method: 'GET', path: '/tenders/{id}/audit', fn: 'listAudit', auth: everyone },
  { method: 'GET', path: '/tenders/{id}/readiness', fn: 'getReadiness', auth: everyone },
  { method: 'GET', path: '/tenders/{id}/changes', fn: 'listChanges', auth: everyone },
  { method: 'GET', path: '/tenders/{id}/bid-decision', fn: 'getBidDecision', auth: everyone },
  { method: 'PUT', path: '/settings/{name}', fn: 'putSetting', auth: ['admin'] },
  { method: 'POST', path: '/tenders/{id}/events', fn: 'recordEvent', auth: ['admin', 'bid-manager'] },
  { method: 'GET', path: '/tenders/{id}/deadlines', fn: 'listTenderDeadlines', auth: everyone },
  { method: 'GET', path: '/tenders/{id}/calendar.ics', fn: 'calendar', auth: everyone },
  { method: 'GET', path: '/calendar.ics', fn: 'calendar', auth: everyone },
  { method: 'GET', path: '/deadlines', fn: 'listDeadlines', auth: everyone },
  {
    method: 'POST',
    path: '/deadlines/{id}/met',
    fn: 'markDeadlineMet',
    auth: ['admin', 'bid-manager', 'contributor'],
  },
  { method: 'GET', path: '/alerts', fn: 'listAlerts', auth: everyone },
  {
    method: 'GET',
    path: '/tenders/{id}/checklist/{itemId}/suggestions',
    fn: 'listSuggestions',
    auth: everyone,
  },
  { method: 'POST', path: '/evidence', fn: 'createEvidence', auth: ['admin', 'bid-manager', 'contributor'] },
  { method: 'GET', path: '/evidence', fn: 'listEvidence', auth: everyone },
  { method: 'GET', path: '/evidence/{id}', fn: 'getEvidence', auth: everyone },
  {
    method: 'PATCH',
    path: '/evidence/{id}',
    fn: 'updateEvidence',
    auth: ['admin', 'bid-manager', 'contributor'],
  },
  {
    method: 'POST',
    path: '/evidence/{id}/complete',
    fn: 'completeEvidence',
    auth: ['admin', 'bid-manager', 'contributor'],
  },
  { method: 'GET', path: '/settings/{name}', fn: 'getSetting', auth: ['admin'] },
  {
    method: 'POST',
    path: '/custom-dev-requests',
    fn: 'createCustomDevRequest',
    auth: ['admin', 'product-manager', 'bid-manager'],
  },
  { method: 'GET', path: '/custom-dev-requests', fn: 'listCustomDevRequests', auth: everyone },
  { method: 'GET', path: '/custom-dev-requests/{id}', fn: 'getCustomDevRequest', auth: everyone },
  {
    method: 'PUT',
    path: '/custom-dev-requests/{id}/technical',
    fn: 'putCustomDevTechnical',
    auth: ['admin', 'product-manager'],
  },
  {
    method: 'PUT',
    path: '/custom-dev-requests/{id}/commercial',
    fn: 'putCustomDevCommercial',
    auth: ['admin', 'product-manager'],
  },
  {
    method: 'POST',
    path: '/custom-dev-requests/{id}/decision',
    fn: 'decideCustomDevRequest',
    auth: ['admin', 'approver'],
  },
  { method: 'GET', path: '/custom-dev-requests/{id}/spec', fn: 'getCustomDevSpec', auth: everyone },
  { method: 'GET', path: '/custom-dev-requests/{id}/audit', fn: 'listCustomDevAudit', auth: everyone },
  {
    method: 'POST',
    path: '/tenders/{id}/checklist/{itemId}/custom-dev-request',
    fn: 'createCustomDevFromItem',
    auth: ['admin', 'product-manager', 'bid-manager'],
  },
  { method: 'POST', path: '/pilots', fn: 'createPilot', auth: ['product-manager', 'bid-manager', 'admin'] },
  { method: 'GET', path: '/pilots', fn: 'listPilots', auth: everyone },
  { method: 'GET', path: '/pilots/{id}', fn: 'getPilot', auth: everyone },
  {
    method: 'PATCH',
    path: '/pilots/{id}',
    fn: 'updatePilot',
    auth: ['product-manager', 'bid-manager', 'admin'],
  },
  {
    method: 'POST',
    path: '/pilots/{id}/transition',
    fn: 'transitionPilot',
    auth: ['product-manager', 'bid-manager', 'approver', 'admin'],
  },
  {
    method: 'POST',
    path: '/pilots/{id}/evaluation',
    fn: 'startPilotEvaluation',
    auth: ['product-manager', 'bid-manager', 'admin'],
  },
  { method: 'GET', path: '/pilots/{id}/audit', fn: 'listPilotAudit', auth: everyone },
  { method: 'GET', path: '/pilots/{id}/charter', fn: 'getPilotCharter', auth: everyone },
  {
    method: 'POST',
    path: '/tenders/requirements/import',
    fn: 'importRequirements',
    auth: ['admin', 'bid-manager'],
  },
  {
    method: 'POST',
    path: '/tenders/{id}/requirements/import',
    fn: 'importRequirements',
    auth: ['admin', 'bid-manager'],
  },
  { method: 'GET', path: '/tenders/{id}/compliance-matrix', fn: 'getComplianceMatrix', auth: everyone },
  {
    method: 'POST',
    path: '/tenders/{id}/compliance-matrix',
    fn: 'importComplianceMatrix',
    auth: ['admin', 'bid-manager', 'contributor', 'reviewer'],
  },
  {
    method: 'GET',
    path: '/tenders/{id}/compliance-matrix/imports/{importId}',
    fn: 'getMatrixImport',
    auth: ['admin', 'bid-manager', 'contributor', 'reviewer'],
  },
  { method: 'POST', path: '/tenders/{id}/package', fn: 'buildPackage', auth: ['admin', 'bid-manager'] },
] as const satisfies readonly Route<FunctionName>[];

type RouteOf<F extends FunctionName> = Extract<(typeof routes)[number], { fn: F }>;

/** A function's routes and the patterns of their path parameters (one function may serve several routes: any of their parameters). */
function endpoint<F extends FunctionName>(fn: F): Endpoint<CommonParams<RouteOf<F>['path']>> {
  const [first, ...rest] = routes.filter((r) => r.fn === fn);
  if (!first) throw new Error(`no route for function ${fn}`);
  const served: [Route, ...Route[]] = [first, ...rest];
  return { fn, routes: served, params: Object.assign({}, ...served.map((r) => paramPatternsOf(r.path))) };
}

/**
 * An API function's declaration: its routes and what it reads (`{ query?, body?, ifMatch? }`, zod/mini).
 * Declared once in api/schemas/<area>.ts; the handler is built from it and /openapi.json documents it.
 */
export const api = <F extends FunctionName, const S extends RequestSchemas>(
  fn: F,
  request: S,
): Api<CommonParams<RouteOf<F>['path']>, S> => ({ ...endpoint(fn), request });
