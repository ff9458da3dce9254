import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../../functions/api/openapi/document.ts';
import { routes } from '../../../functions/routes.ts';
import { openApiFile, openApiText } from '../../../infra/build-openapi.ts';

describe('the OpenAPI document', () => {
  const doc = buildOpenApi('test') as {
    openapi: string;
    paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };

  it('is served as built at build time: openapi.json equals the document built from the declarations now (else run `npm run openapi`)', () => {
    expect(readFileSync(openApiFile, 'utf8')).toBe(openApiText());
  });

  it('is OpenAPI 3.1 with one operation per route of the route table', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths).flatMap(([path, ms]) =>
      Object.keys(ms).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(ops.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('marks exactly the public routes as needing no token', () => {
    const open = Object.entries(doc.paths).flatMap(([path, ms]) =>
      Object.entries(ms)
        .filter(([, op]) => Array.isArray(op.security) && op.security.length === 0)
        .map(() => path),
    );
    expect(open.sort()).toEqual(['/health', '/openapi.json']);
  });

  it('resolves every $ref to a component generated from the zod schemas', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref);
    expect(doc.components.schemas).toHaveProperty('Problem');
    expect(doc.components.schemas).toHaveProperty('Tender');
  });

  it('gives every path parameter the pattern the handlers enforce', () => {
    const op = doc.paths['/tenders/{id}/checklist/{itemId}']?.patch as unknown as {
      parameters: { name: string; in: string; schema: { pattern?: string } }[];
    };
    const patterns = Object.fromEntries(
      op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p.schema.pattern]),
    );
    expect(patterns).toEqual({ id: '^t-[0-9a-f]{24}$', itemId: '^i-[0-9a-f]{20}$' });
  });
});
