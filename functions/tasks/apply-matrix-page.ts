import * as z from 'zod/mini';
import { applyStoredPage } from '../flows/matrix-upload.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.applyMatrixPage.env);

export const ApplyMatrixPageInput = z.object({
  org: text(),
  importId: text(),
  page: z.int().check(z.minimum(0)),
});

/** matrix-import / ApplyPage: one page of the plan applied, rows already done skipped; the next page and whether there is one. */
export const handler = taskHandler('applyMatrixPage', ApplyMatrixPageInput, ({ org, importId, page }) =>
  applyStoredPage(env, org, importId, page, systemClock.now()),
);
