import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureKeys, mintToken, tokenVerifier } from '../../../infra/local/keys.ts';
import { projectRoot } from '../../../infra/local/stack.ts';
import { readJsonOrSetAside, writeJsonAtomic } from '../../../infra/local/state-file.ts';
import { type ExecutionRecord, LocalWorkflowEngine, localArn } from '../../../infra/local/workflow-engine.ts';

const fresh = (what: string) => mkdtempSync(join(tmpdir(), `tenderflow-state-${what}-`));

const record = (name: string): ExecutionRecord => ({
  executionArn: localArn.execution('calendar-recompute', name),
  stateMachineArn: localArn.stateMachine('calendar-recompute'),
  name,
  status: 'SUCCEEDED',
  input: '{}',
  output: '{}',
  startDate: '2026-12-08T00:00:00.000Z',
  stopDate: '2026-12-08T00:00:01.000Z',
  stateTransitions: 2,
  retries: 0,
});

describe('local state files', () => {
  it('writeJsonAtomic replaces the file whole and leaves no temporary file beside it', () => {
    const dir = fresh('atomic');
    const file = join(dir, 'x.json');
    writeJsonAtomic(file, { a: 1 });
    writeJsonAtomic(file, { a: 2, b: 'two' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 2, b: 'two' });
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('readJsonOrSetAside: a missing file is undefined without a warning; a torn one is renamed *.damaged with a warning', () => {
    const dir = fresh('read');
    const warnings: string[] = [];
    const isObj = (v: unknown): v is object => typeof v === 'object' && v !== null;
    expect(readJsonOrSetAside(join(dir, 'none.json'), isObj, (m) => warnings.push(m))).toBeUndefined();
    expect(warnings).toEqual([]);
    const torn = join(dir, 'torn.json');
    writeFileSync(torn, '{"executionArn": "arn:aws:states:us-e');
    expect(readJsonOrSetAside(torn, isObj, (m) => warnings.push(m))).toBeUndefined();
    expect(existsSync(torn)).toBe(false);
    expect(existsSync(`${torn}.damaged`)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('torn.json is damaged');
    expect(warnings[0]).toContain('torn.json.damaged');
  });

  it('the workflow engine starts beside half an execution record: the torn one is set aside with a warning, the whole one is kept', () => {
    const dataDir = fresh('engine');
    const dir = join(dataDir, 'executions');
    mkdirSync(dir, { recursive: true });
    writeJsonAtomic(join(dir, 'whole.json'), record('whole'));
    const text = JSON.stringify(record('torn'), null, 2);
    writeFileSync(join(dir, 'torn.json'), text.slice(0, Math.floor(text.length / 2)));
    // JSON, but not a record (a file from somewhere else): set aside too
    writeFileSync(join(dir, 'foreign.json'), '[1, 2, 3]');
    const warnings: string[] = [];
    const engine = new LocalWorkflowEngine({
      root: projectRoot,
      dataDir,
      handlers: () => async () => ({}),
      warn: (m) => warnings.push(m),
    });
    expect(engine.list().map((e) => e.name)).toEqual(['whole']);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/torn\.json is damaged: it is not JSON/);
    expect(warnings.join('\n')).toMatch(/foreign\.json is damaged: it is JSON but not the record expected/);
    expect(readdirSync(dir).sort()).toEqual(['foreign.json.damaged', 'torn.json.damaged', 'whole.json']);
    expect(engine.resumeInterrupted()).toBe(0);
  });

  it('a torn signing key is set aside with a warning and a new pair made: tokens minted after it verify', async () => {
    const dataDir = fresh('keys');
    await ensureKeys(dataDir);
    const priv = join(dataDir, 'keys', 'private.jwk.json');
    writeFileSync(priv, readFileSync(priv, 'utf8').slice(0, 40));
    const warnings: string[] = [];
    await ensureKeys(dataDir, (m) => warnings.push(m));
    expect(existsSync(`${priv}.damaged`)).toBe(true);
    expect(warnings.join('\n')).toContain('private.jwk.json is damaged');
    expect(warnings.join('\n')).toContain('tokens minted before no longer verify');
    const token = await mintToken(dataDir, { org: 'o', user: 'u', roles: ['bid-manager'] });
    expect((await (await tokenVerifier(dataDir))(token)).sub).toBe('u');
  });
});
