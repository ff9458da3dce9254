import { z } from 'zod';
import { ConfigError } from './errors.ts';

/**
 * The environment variables any function may need. Each function's schema (functions/registry.ts)
 * picks from these; the CDK sets exactly those keys and the local stack sets the same ones.
 */
export const envVar = {
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  TENDER_INTAKE_STATE_MACHINE_ARN: z.string().startsWith('arn:'),
  ALERT_TOPIC_ARN: z.string().startsWith('arn:'),
} as const;

export type EnvSchema = z.ZodObject<Partial<typeof envVar>>;

/** Parse the environment once, at cold start; a missing or malformed variable stops the function. */
export function loadEnv<S extends z.ZodObject>(
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
