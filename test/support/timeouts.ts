/**
 * Every timeout of the test suite, by kind of test, in one place (vitest.config.ts reads it; the few
 * tests and helpers that need a longer bound for one step name it from here). Sized for a busy 2-core
 * machine: a timeout is a liveness bound, never a speed assertion (speed is `npm run bench`).
 */
export const timeouts = {
  /** pure code: no services, no subprocesses (vitest's 5 s default failed under load) */
  unit: { test: 30_000, hook: 30_000 },
  /**
   * CDK synth and cdk-nag in-process: a whole app's synth takes minutes on a loaded machine; `bundle` is
   * esbuild over every handler (cdk-nag's app, as `cdk synth` builds it): 316 s measured at load 20 on 2 cores
   */
  infra: { test: 180_000, hook: 300_000, synth: 300_000, bundle: 600_000 },
  /** over HTTP against DynamoDB Local, s3rver and the local workflow engine */
  /** `large`: thousands of rows through an intake and a workflow (the 3,000-row matrix upload) */
  integration: { test: 60_000, hook: 120_000, slow: 240_000, large: 600_000 },
  /** `npm start` as a subprocess */
  e2e: { test: 240_000, hook: 240_000, start: 180_000 },
  /** Chromium against `npm start` */
  web: { test: 180_000, hook: 240_000, action: 30_000, slow: 60_000 },
  /** expect.poll and eventually(): a deadline for something that is on its way, not a sleep */
  poll: { default: 20_000, workflow: 60_000, batch: 120_000, large: 300_000, interval: 100 },
} as const;
