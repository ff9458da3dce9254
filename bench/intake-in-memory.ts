import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '../infra/local/keys.ts';
import { projectRoot, startLocalStack } from '../infra/local/stack.ts';
import { measureIntake } from './intake.ts';
import { measureWriteFloor } from './write-floor.ts';

/**
 * The 2,000-requirement intake on a local stack whose DynamoDB Local keeps its data in memory, with the
 * same warm-up the disk-backed run gets (one real tender imported first) and DynamoDB Local's write floor
 * for the same items. Run by bench/run.ts in its own process (a clean heap for the timing); prints one
 * JSON line.
 */
const work = mkdtempSync(join(tmpdir(), 'tenderflow-bench-memory-'));
const stack = await startLocalStack({
  dataDir: join(work, 'data'),
  port: 0,
  sweepEveryMs: 0,
  quiet: true,
  dynamoInMemory: true,
});
try {
  const token = await mintToken(stack.dataDir, { org: 'bench', user: 'bench', roles: ['bid-manager'] });
  const warm = await fetch(`${stack.apiUrl}/tenders/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: readFileSync(
      join(projectRoot, 'examples', 'uk-contracts-finder-2c40364c-tender-release-1.1.json'),
      'utf8',
    ),
  });
  if (warm.status !== 202 && warm.status !== 200) throw new Error(`warm-up import: ${warm.status}`);
  await stack.engine.idle();
  const intake = await measureIntake(stack, 'bench-intake');
  const floor = await measureWriteFloor(stack, 'bench-intake', intake.tenderId);
  process.stdout.write(`${JSON.stringify({ runs: intake.runs, floor })}\n`);
} finally {
  await stack.stop();
  rmSync(work, { recursive: true, force: true });
}
