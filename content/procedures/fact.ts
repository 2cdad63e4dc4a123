import type { z } from 'zod';
import type { sourceSchema, statementSchema } from '../schema.ts';

/** A statement whose text is `glossary:<group>.<id>`. */
export function fact(group: string, id: string, source: z.input<typeof sourceSchema>) {
  return { id, key: `glossary:${group}.${id}`, source } satisfies z.input<typeof statementSchema>;
}
