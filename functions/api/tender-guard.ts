import { notFound } from '../lib/errors.ts';
import { tenderExists } from '../store/tenders.ts';

/**
 * A list under a tender came back empty on its first page: 404 when the organisation has no such
 * tender (another organisation's included), so an empty list never hides a wrong id. Non-empty
 * pages cost nothing extra.
 */
export async function notFoundIfNoTender(
  table: string,
  org: string,
  tenderId: string,
  firstPageEmpty: boolean,
) {
  if (firstPageEmpty && !(await tenderExists(table, org, tenderId))) throw notFound(`no tender ${tenderId}`);
}
