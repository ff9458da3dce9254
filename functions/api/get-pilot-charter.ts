import { pilotCharter } from '../domain/pilots/charter.ts';
import { pilotPolicyOf } from '../flows/pilots.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, text } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getPilot } from '../store/pilots.ts';
import * as schemas from './schemas/pilots.ts';

const env = loadEnv(functions.getPilotCharter.env);

/** GET /pilots/{id}/charter: the pilot charter as Markdown, for the client to sign. */
export const handler = httpHandler(schemas.getPilotCharter, async (req, input) => {
  const pilot = await getPilot(env.TABLE_NAME, req.caller.org, input.path.id);
  if (!pilot) throw notFound(`no pilot ${input.path.id}`);
  const policy = await pilotPolicyOf(env.TABLE_NAME, req.caller.org);
  return text(200, pilotCharter(pilot, policy), 'text/markdown; charset=utf-8', {
    etag: etagOf(pilot.version),
    'content-disposition': `inline; filename="pilot-charter-${pilot.id}.md"`,
  });
});
