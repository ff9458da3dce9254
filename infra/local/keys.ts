import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { claimNames } from '../../functions/lib/auth.ts';
import { readJsonOrSetAside, type Warn, writeJsonAtomic } from './state-file.ts';

/** The local stack's token issuer: an RS256 key pair kept in the data folder, like a Cognito user pool's. */
export const localIssuer = {
  issuer: 'tenderflow-local',
  audience: 'tenderflow-local',
  alg: 'RS256',
} as const;

const paths = (dataDir: string) => ({
  dir: join(dataDir, 'keys'),
  priv: join(dataDir, 'keys', 'private.jwk.json'),
  pub: join(dataDir, 'keys', 'public.jwk.json'),
});

const isRsaJwk = (v: unknown): v is JWK =>
  typeof v === 'object' && v !== null && (v as JWK).kty === 'RSA' && typeof (v as JWK).n === 'string';

/**
 * The key pair, made on first start. Each key file is written atomically (the private key first: a
 * kill between the two leaves no public key, and the pair is made again). A damaged key file is set
 * aside (`*.damaged`) with a warning and a new pair is made: tokens minted before no longer verify.
 */
export async function ensureKeys(dataDir: string, warn?: Warn): Promise<void> {
  const p = paths(dataDir);
  if (existsSync(p.priv) && existsSync(p.pub)) {
    const priv = readJsonOrSetAside(p.priv, isRsaJwk, warn);
    const pub = readJsonOrSetAside(p.pub, isRsaJwk, warn);
    if (priv && pub) return;
    (warn ?? console.warn)(
      `making a new local signing key pair in ${p.dir}: tokens minted before no longer verify`,
    );
  }
  mkdirSync(p.dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = await generateKeyPair(localIssuer.alg, { extractable: true });
  writeJsonAtomic(p.priv, await exportJWK(privateKey), { mode: 0o600 });
  writeJsonAtomic(p.pub, await exportJWK(publicKey));
}

const readJwk = (file: string): JWK => JSON.parse(readFileSync(file, 'utf8')) as JWK;

export async function mintToken(
  dataDir: string,
  who: { org: string; user: string; roles: string[]; ttlSeconds?: number },
): Promise<string> {
  const p = paths(dataDir);
  if (!existsSync(p.priv))
    throw new Error(
      `no signing key in ${p.dir}: start the local stack once (npm start) with TENDERFLOW_DATA=${dataDir}`,
    );
  const key = await importJWK(readJwk(p.priv), localIssuer.alg);
  return new SignJWT({
    [claimNames.org]: who.org,
    [claimNames.user]: who.user,
    [claimNames.groups]: who.roles,
    token_use: 'id',
  })
    .setProtectedHeader({ alg: localIssuer.alg, kid: 'local' })
    .setIssuer(localIssuer.issuer)
    .setAudience(localIssuer.audience)
    .setSubject(who.user)
    .setIssuedAt()
    .setExpirationTime(`${who.ttlSeconds ?? 8 * 3600}s`)
    .sign(key);
}

/** Verify as API Gateway's JWT authorizer does: signature, issuer, audience, expiry (a token without `exp` is refused). */
export async function tokenVerifier(dataDir: string): Promise<(token: string) => Promise<JWTPayload>> {
  const key = await importJWK(readJwk(paths(dataDir).pub), localIssuer.alg);
  return async (token) =>
    (
      await jwtVerify(token, key, {
        issuer: localIssuer.issuer,
        audience: localIssuer.audience,
        algorithms: [localIssuer.alg],
        requiredClaims: ['exp'],
      })
    ).payload;
}
