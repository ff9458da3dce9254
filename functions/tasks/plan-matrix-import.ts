import * as z from 'zod/mini';
import { planStoredUpload } from '../flows/matrix-upload.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.planMatrixImport.env);

export const PlanMatrixInput = z.object({ org: text(), importId: text() });

/** matrix-import / Plan: the stored file planned row by row, a page at a time in S3 (once; a re-run reads it). */
export const handler = taskHandler('planMatrixImport', PlanMatrixInput, ({ org, importId }) =>
  planStoredUpload(env, org, importId),
);
