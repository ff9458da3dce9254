import type * as z from 'zod/mini';
import { retryableOnTransient } from './aws-errors.ts';
import { InvalidInputError } from './errors.ts';
import { addLogContext, inLogContext } from './log.ts';

/**
 * Build a Step Functions task handler: validate the payload (a bad one is a named, non-retried
 * error), run the work, and re-throw throttling/5xx/network failures as TransientError so the
 * state machine's Retry catches them by name. Never returns a fake success.
 */
export function taskHandler<S extends z.ZodMiniType, R>(
  task: string,
  schema: S,
  impl: (input: z.infer<S>) => Promise<R>,
) {
  return (event: unknown, context?: { awsRequestId?: string }): Promise<R> =>
    inLogContext({ requestId: context?.awsRequestId, task }, () => run(event));
  async function run(event: unknown): Promise<R> {
    if (typeof event === 'object' && event !== null && 'org' in event && typeof event.org === 'string')
      addLogContext({ org: event.org });
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      throw new InvalidInputError(
        'invalid task input',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return retryableOnTransient(() => impl(parsed.data));
  }
}
