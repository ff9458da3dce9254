import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getSetting } from '../store/settings.ts';
import * as schemas from './schemas/custom-dev.ts';
import { SETTINGS } from './settings.ts';

const env = loadEnv(functions.getSetting.env);

/** GET /settings/{name} (admin): the setting as stored, with its ETag for the next PUT; 404 for an unknown name or one never set. */
export const handler = httpHandler(schemas.getSetting, async (req, input) => {
  const name = input.path.name;
  // the settings PUT /settings/{name} knows (own names only: `constructor` is the object's)
  if (!Object.hasOwn(SETTINGS, name))
    throw notFound(`no setting ${name}; settings are: ${Object.keys(SETTINGS).join(', ')}`);
  const stored = await getSetting(env.TABLE_NAME, req.caller.org, name);
  if (!stored) throw notFound(`no ${name} setting in this organisation (PUT it with If-Match: "0")`);
  return json(200, { name, value: stored.value }, { etag: etagOf(stored.version) });
});
