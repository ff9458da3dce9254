import type { CustomDevRequest } from '../domain/custom-dev/request.ts';
import { notFound } from '../lib/errors.ts';
import { getRequest } from '../store/custom-dev-requests.ts';

/** The caller's organisation's request, or 404 (another organisation's is a 404 too). */
export async function requestOr404(table: string, org: string, id: string): Promise<CustomDevRequest> {
  const r = await getRequest(table, org, id);
  if (!r) throw notFound(`no custom-development request ${id}`);
  return r;
}
