import { httpHandler, json } from '../lib/http.ts';
import { buildOpenApi } from './openapi-document.ts';

/** Built on first use, then kept for the container's life: the document only changes with the code. */
let document: Record<string, unknown> | undefined;

/** GET /openapi.json (public). */
export const handler = httpHandler('openapi', async () => {
  document ??= buildOpenApi('0.1.0');
  return json(200, document, { 'cache-control': 'public, max-age=300' });
});
