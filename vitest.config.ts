import { defineConfig } from 'vitest/config';
import { timeouts } from './test/support/timeouts.ts';

/**
 * One `npm test` runs five projects:
 * - unit: domain and lib code, no services;
 * - infra: CDK template assertions, cdk-nag, ASL validation (no AWS account needed);
 * - integration: DynamoDB Local, s3rver and the local workflow engine, started once by a global setup;
 * - e2e: `npm start` as a subprocess, driven over HTTP as a client would;
 * - web: `npm start` as a subprocess, the web app driven in Debian's Chromium (playwright-core) with axe checks.
 * Every timeout comes from test/support/timeouts.ts (per kind of test); none relies on vitest's defaults.
 *
 * Unit and infra files are not isolated: a worker keeps the modules it has loaded
 * (aws-cdk-lib and the synthesised app, the domain, the handlers and SDK clients) for its next file
 * instead of loading them again — most of their time was that loading. Integration files keep a fresh
 * module graph each: handlers read their table and endpoints once, at import, and files that point them
 * elsewhere (test/support/own-table.ts) depend on it; sharing modules there failed in a clean CI run.
 * Stubs on SDK clients are restored in `finally`. e2e and web files keep a fresh module graph each too:
 * their time is the `npm start` and Chromium they drive, not their imports.
 * Workers stay vitest's default (cores − 1: one on the 2-core machine). Running them side by side was
 * tried (one pool of 3 workers for all projects): integration files in parallel against the one local
 * stack overran their liveness bounds on a loaded machine (15 of 155 failed at load 17–26).
 */
const poll = { timeout: timeouts.poll.default, interval: timeouts.poll.interval };
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          isolate: false,
          setupFiles: ['test/support/fast-check-seed.ts'],
          testTimeout: timeouts.unit.test,
          hookTimeout: timeouts.unit.hook,
          expect: { poll },
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          isolate: false,
          testTimeout: timeouts.infra.test,
          hookTimeout: timeouts.infra.hook,
          expect: { poll },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/local-stack-setup.ts'],
          setupFiles: ['test/support/local-stack-env.ts', 'test/support/fast-check-seed.ts'],
          testTimeout: timeouts.integration.test,
          hookTimeout: timeouts.integration.hook,
          expect: { poll },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: timeouts.e2e.test,
          hookTimeout: timeouts.e2e.hook,
          expect: { poll },
        },
      },
      {
        test: {
          name: 'web',
          include: ['test/web/**/*.web.test.ts'],
          globalSetup: ['test/support/web-stack-setup.ts'],
          // one browser at a time: the machine has two cores
          fileParallelism: false,
          testTimeout: timeouts.web.test,
          hookTimeout: timeouts.web.hook,
          expect: { poll },
        },
      },
    ],
  },
});
