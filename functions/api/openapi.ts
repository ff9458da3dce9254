import { httpHandler, json } from '../lib/http.ts';
import document from './openapi/openapi.json' with { type: 'json' };
import * as schemas from './schemas/tenders.ts';

/** GET /openapi.json (public): the document built at build time (`npm run openapi`, infra/build-openapi.ts). */
export const handler = httpHandler(schemas.openapi, async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
