import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { s3 } from '../../functions/lib/clients/s3.ts';
import { call, eventually, tokenFor } from '../support/api.ts';

/** Raw documents are what the API stores (the intakes of earlier accepted documents write elsewhere, later). */
const rawDocumentsOf = async (org: string) =>
  (await s3().send(new ListObjectsV2Command({ Bucket: process.env.BUCKET_NAME, Prefix: `orgs/${org}/raw/` })))
    .KeyCount ?? 0;
const tendersOf = async (token: string) =>
  ((await call('GET', '/tenders?limit=100', { token })).json.items as unknown[]).length;

describe('POST /tenders/import on arbitrary JSON (fast-check)', () => {
  it('never answers 5xx, and a rejected document stores nothing', async () => {
    const token = await tokenFor('prop');
    // Arbitrary JSON, plus objects shaped a little like tenders (so some are accepted).
    const doc = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          ocid: fc.oneof(fc.string(), fc.constant(''), fc.integer(), fc.constant(null)),
          tender: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          releases: fc.array(
            fc.record(
              { ocid: fc.option(fc.string({ minLength: 1 })), tender: fc.jsonValue() },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(doc, async (value) => {
        const [raw, tenders] = [await rawDocumentsOf('prop'), await tendersOf(token)];
        const res = await call('POST', '/tenders/import', { token, body: JSON.stringify(value) });
        expect(res.status).toBeLessThan(500);
        if (res.status === 400) {
          expect(res.headers.get('content-type')).toBe('application/problem+json');
          expect(await rawDocumentsOf('prop')).toBe(raw);
          expect(await tendersOf(token)).toBe(tenders);
        } else {
          expect([200, 202]).toContain(res.status);
          accepted++;
          // a package's tenders are created by its package-intake execution: let it finish first
          await eventually('the import to finish', async () => {
            const progress = await call('GET', `/imports/${res.json.importId}`, { token });
            return progress.json.status !== 'running' ? true : undefined;
          });
        }
      }),
      { numRuns: 60 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
