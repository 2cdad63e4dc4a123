/** Seed 5 and CONTENT-NOTES "Deportation and departure order". */
import type { z } from 'zod';
import type { proceduresSchema } from '../schema.ts';
import { NOTES, seed } from '../sources.ts';
import { fact } from './fact.ts';

export const deportation = {
  id: 'deportation',
  nameKey: 'glossary:procedure.deportation',
  appliesTo: [fact('deportation', 'anyone-meeting-a-ground', seed('5-1'))],
  where: ['regional-bureau'],
  links: [{ url: NOTES.departureOrder.url, source: NOTES.departureOrder }],
  source: seed('5'),
  details: {
    grounds: [
      fact('deportation-ground', 'overstay', seed('5-1')),
      fact('deportation-ground', 'unauthorised-activity', seed('5-1')),
      fact('deportation-ground', 'criminal-penalty', seed('5-1')),
    ],
    // Seed 5-2 says "five or ten years, or never"; CONTENT-NOTES gives the cases.
    reentryBans: [
      { ...fact('reentry-ban', 'after-departure-order', NOTES.reentryBans), years: 1 },
      { ...fact('reentry-ban', 'after-deportation', NOTES.reentryBans), years: 5 },
      { ...fact('reentry-ban', 'after-repeat-removal', NOTES.reentryBans), years: 10 },
      { ...fact('reentry-ban', 'after-serious-sentence-or-drugs', NOTES.reentryBans), years: null },
    ],
    departureOrder: {
      allConditionsRequired: true,
      conditions: [
        {
          // Since 10 June 2024 this condition can be met in two ways (CONTENT-NOTES).
          ...fact('departure-order-condition', 'comes-forward', NOTES.departureOrder),
          routes: [
            fact('departure-order-route', 'appears-before-investigation', NOTES.departureOrder),
            fact('departure-order-route', 'declares-intent-after-investigation-starts', NOTES.departureOrder),
          ],
        },
        fact('departure-order-condition', 'overstay-only-ground', seed('5-3')),
        fact('departure-order-condition', 'no-prison-sentence-for-listed-crimes', seed('5-3')),
        fact('departure-order-condition', 'never-deported', seed('5-3')),
        fact('departure-order-condition', 'never-left-by-departure-order', seed('5-3')),
        fact('departure-order-condition', 'leaves-promptly', seed('5-3')),
      ],
      facts: [
        fact('departure-order', 'simple-procedure-without-detention', seed('5-3')),
        fact('departure-order', 'all-conditions-required', NOTES.departureOrder),
      ],
    },
    specialPermission: [fact('deportation', 'special-permission-to-stay', seed('5-4'))],
  },
} satisfies z.input<typeof proceduresSchema>['deportation'];
