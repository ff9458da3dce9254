import { defaultBidPolicy, resolvePolicy } from '../domain/bid-decision.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { etagOf, ifMatchVersion, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getSetting, putSetting } from '../store/settings.ts';

const env = loadEnv(functions.putBidPolicy.env);

/**
 * PUT /settings/bid-policy (admin, If-Match; `"0"` when none is set yet): the organisation's bid/no-bid
 * thresholds and weights. Missing fields take the defaults; the stored policy is the complete one.
 */
export const handler = httpHandler('putBidPolicy', async (req) => {
  const expected = ifMatchVersion(req.header('if-match'));
  const policy = resolvePolicy(req.json());
  const current = await getSetting(env.TABLE_NAME, req.caller.org, 'bid-policy');
  if ((current?.version ?? 0) !== expected) throw preconditionFailed(current?.version ?? 0, expected);
  const version = await putSetting(
    env.TABLE_NAME,
    req.caller.org,
    'bid-policy',
    policy,
    expected,
    req.caller.user,
    systemClock.now().toISOString(),
  );
  return json(200, { policy, defaults: defaultBidPolicy }, { etag: etagOf(version) });
});
