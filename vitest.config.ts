import { defineConfig } from 'vitest/config';

/**
 * One `npm test` runs four projects:
 * - unit: domain and lib code, no services;
 * - infra: CDK template assertions, cdk-nag, ASL validation (no AWS account needed);
 * - integration: DynamoDB Local, s3rver and the local workflow engine, started once by a global setup;
 * - e2e: `npm start` as a subprocess, driven over HTTP as a client would;
 * - web: `npm start` as a subprocess, the web app driven in Debian's Chromium (playwright-core) with axe checks.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/support/fast-check-seed.ts'],
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/local-stack-setup.ts'],
          setupFiles: ['test/support/local-stack-env.ts', 'test/support/fast-check-seed.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 240_000 },
      },
      {
        test: {
          name: 'web',
          include: ['test/web/**/*.web.test.ts'],
          globalSetup: ['test/support/web-stack-setup.ts'],
          // one browser at a time: the machine has two cores
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
