import * as z from 'zod/mini';

/** The pieces the intake tasks' inputs share (each task's input schema is built from these). */
export const text = () => z.string().check(z.minLength(1));

/** What an import asked for, carried from the API through the workflows to the Normalize step. */
export const IntakeOptions = z._default(
  z.object({
    timeZone: z.optional(z.string()),
    rulePacks: z.optional(z.array(z.string())),
    /** the charset the sender declared (Content-Type) */
    charset: z.optional(z.string()),
  }),
  {},
);
