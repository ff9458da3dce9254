import { execFileSync } from 'node:child_process';

const PROBE = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));`;

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;

/** Time to import a bundle in a fresh Node process (the work a Lambda cold start does before the handler runs). */
function importOnce(file: string, env: Record<string, string>): number {
  const out = execFileSync(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '-e', PROBE, file],
    {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    },
  );
  return Number(out);
}

/** Median time to import a bundle in a fresh Node process. */
export function coldImportMs(file: string, env: Record<string, string>, runs = 15): number {
  return median(Array.from({ length: runs }, () => importOnce(file, env)));
}

/**
 * A handler's and its floor's median cold import, measured in turns (handler, floor, handler, …) so
 * both see the same machine: on a shared, loaded machine two series taken one after the other can
 * differ by more than the budget itself.
 */
export function coldImportPairMs(
  file: string,
  floorFile: string,
  env: Record<string, string>,
  runs = 15,
): { ms: number; floorMs: number } {
  const times: number[] = [];
  const floorTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(importOnce(file, env));
    floorTimes.push(importOnce(floorFile, env));
  }
  return { ms: median(times), floorMs: median(floorTimes) };
}
