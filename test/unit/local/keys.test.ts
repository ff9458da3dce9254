import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureKeys, localIssuer, mintToken, tokenVerifier } from '../../../infra/local/keys.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-keys-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A token signed with the stack's own private key, so only its claims can make it fail. */
async function signed(claims: { exp?: number }) {
  const jwk: JWK = JSON.parse(readFileSync(join(dataDir, 'keys', 'private.jwk.json'), 'utf8'));
  const jwt = new SignJWT({
    'custom:org': 'acme',
    'cognito:username': 'mallory',
    'cognito:groups': ['admin'],
  })
    .setProtectedHeader({ alg: localIssuer.alg })
    .setIssuer(localIssuer.issuer)
    .setAudience(localIssuer.audience)
    .setIssuedAt();
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(await importJWK(jwk, localIssuer.alg));
}

describe('local token verifier', () => {
  it('refuses a validly signed token without exp, accepts one with a future exp', async () => {
    await ensureKeys(dataDir);
    const verify = await tokenVerifier(dataDir);
    await expect(verify(await signed({}))).rejects.toThrow(/exp/);
    const future = Math.floor(Date.now() / 1000) + 600;
    await expect(verify(await signed({ exp: future }))).resolves.toMatchObject({ exp: future });
    await expect(
      verify(await mintToken(dataDir, { org: 'acme', user: 'a', roles: ['viewer'] })),
    ).resolves.toBeTruthy();
  });
});
