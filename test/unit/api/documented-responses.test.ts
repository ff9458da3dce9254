import { describe, expect, it } from 'vitest';
import { checkDocumented } from '../../support/api.ts';

const problem = (status: number) => ({ type: 'about:blank', title: 'x', status, detail: 'x' });
const PROBLEM = 'application/problem+json';
const JSON_TYPE = 'application/json';

describe('the response check every integration call runs', () => {
  it('accepts a documented status with a body of its schema', () => {
    expect(() =>
      checkDocumented('GET', '/tenders/t-0123456789abcdef01234567', 404, PROBLEM, problem(404)),
    ).not.toThrow();
    const health = {
      status: 'ok',
      checks: { dynamodb: { ok: true, ms: 1 }, s3: { ok: true, ms: 1 }, workflows: { ok: true, ms: 1 } },
    };
    expect(() => checkDocumented('GET', '/health?x=1', 200, JSON_TYPE, health)).not.toThrow();
  });

  it('fails a status the route does not document', () => {
    expect(() => checkDocumented('GET', '/tenders', 409, PROBLEM, problem(409))).toThrow(/does not name/);
    // 401 is documented for every route that needs a token, never for a public one
    expect(() => checkDocumented('GET', '/health', 401, PROBLEM, problem(401))).toThrow(/does not name/);
  });

  it('fails a body the documented schema rejects, and a 4xx that is not problem+json', () => {
    expect(() => checkDocumented('GET', '/health', 200, JSON_TYPE, { status: 'fine', checks: {} })).toThrow(
      /schema rejects/,
    );
    expect(() => checkDocumented('GET', '/tenders', 400, JSON_TYPE, problem(400))).toThrow(
      /not application\/problem\+json/,
    );
  });

  it('tells literal routes from parameters: POST /tenders/import is not a tender id', () => {
    expect(() => checkDocumented('POST', '/tenders/import', 422, PROBLEM, problem(422))).not.toThrow();
  });

  it('leaves a path no route serves to the gateway', () => {
    expect(() => checkDocumented('GET', '/nowhere', 404, PROBLEM, problem(404))).not.toThrow();
  });
});
