import * as z from 'zod/mini';

/** /config.json: written by the local gateway (npm start) or by the CDK deployment (contract in docs/DESIGN.md §3). */
const Config = z.object({
  apiBaseUrl: z.string(),
  auth: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('local') }),
    z.object({
      mode: z.literal('cognito'),
      authority: z.string(),
      clientId: z.string(),
      domain: z.string(),
      redirectUri: z.string(),
      logoutUri: z.string(),
      scopes: z.array(z.string()),
    }),
  ]),
});
export type AppConfig = z.infer<typeof Config>;
export type CognitoAuth = Extract<AppConfig['auth'], { mode: 'cognito' }>;

export async function loadConfig(): Promise<AppConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`/config.json answered ${res.status}`);
  const parsed = z.safeParse(Config, await res.json());
  if (!parsed.success) throw new Error(`/config.json is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
