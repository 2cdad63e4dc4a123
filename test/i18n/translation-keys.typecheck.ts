/**
 * Compile-time checks of translation keys, run by `tsc --noEmit` in `npm test`: a key written in
 * the code must exist in the English locale. Each `@ts-expect-error` below fails the type check
 * if the line it guards stops being an error.
 */
import { phrase } from '../../src/messages.ts';

export const checked = [
  phrase('lost-card:askCause'),
  // A plural key is named by its stem.
  phrase('common:deadline.daysLeft', { count: 3 }),
  // A template must match at least one key.
  phrase(`common:intent.${'lost-card' as string}`),
  // @ts-expect-error: no such key in locales/en/lost-card.json
  phrase('lost-card:askCuase'),
  // @ts-expect-error: no such namespace
  phrase('lost-crad:askCause'),
  // @ts-expect-error: a template that matches no key
  phrase(`common:nowhere.${'x' as string}`),
];
