import * as z from 'zod/mini';
import { ConfigError } from './errors.ts';

/**
 * The environment variables any function may need. Each function's schema (functions/registry.ts)
 * picks from these; the CDK sets exactly those keys and the local stack sets the same ones.
 * Runtime schemas use zod/mini: the same validation at a tenth of classic zod's cold-start cost.
 */
const arn = () => z.string().check(z.startsWith('arn:'));

/** A state machine's ARN (the variable is named for its workflow: functions/registry.ts `workflowArnEnv`). */
export const workflowArn = arn;

export const envVar = {
  TABLE_NAME: z.string().check(z.minLength(1)),
  BUCKET_NAME: z.string().check(z.minLength(1)),
  ALERT_TOPIC_ARN: arn(),
} as const;

/** Parse the environment once, at cold start; a missing or malformed variable stops the function. */
export function loadEnv<S extends z.ZodMiniObject>(
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid function environment: ${problems}`);
  }
  return parsed.data;
}
