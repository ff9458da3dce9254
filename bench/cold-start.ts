import { execFileSync } from 'node:child_process';

const PROBE = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));`;

/** Median time to import a bundle in a fresh Node process (the work a Lambda cold start does before the handler runs). */
export function coldImportMs(file: string, env: Record<string, string>, runs = 15): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(
      process.execPath,
      ['--enable-source-maps', '--input-type=module', '-e', PROBE, file],
      {
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      },
    );
    times.push(Number(out));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}
