/** Seed 3 and CONTENT-NOTES "Re-entry": leaving Japan temporarily without losing one's status. */
import type { z } from 'zod';
import type { proceduresSchema } from '../schema.ts';
import { NOTES, seed } from '../sources.ts';
import { fact } from './fact.ts';

export const reentry = {
  id: 'reentry',
  nameKey: 'glossary:procedure.reentry',
  appliesTo: [fact('reentry', 'leaving-temporarily', seed('3'))],
  documents: [
    { document: 'passport', conditionKey: 'glossary:document-condition.valid', source: seed('3') },
    { document: 'residence-card', source: seed('3') },
    {
      document: 'embarkation-card',
      conditionKey: 'glossary:document-condition.for-special-reentry',
      source: NOTES.specialReentry,
    },
  ],
  deadlineRule: 'reentry',
  where: ['regional-bureau'],
  links: [{ url: 'https://www.moj.go.jp/isa/applications/procedures/16-5.html', source: seed('3') }],
  source: seed('3'),
  details: {
    specialReentry: {
      validityYears: 1,
      specialPermanentResidentValidityYears: 2,
      cappedAtPeriodOfStay: true,
      notForStaysOfMonthsOrLess: 3,
      mustDeclareOnEmbarkationCard: true,
      extendableAbroad: false,
      facts: [
        fact('special-reentry', 'return-within-one-year', seed('3')),
        fact('special-reentry', 'no-application-needed', seed('3')),
        fact('special-reentry', 'declare-on-embarkation-card', NOTES.specialReentry),
        fact('special-reentry', 'not-for-short-stays', NOTES.specialReentry),
        fact('special-reentry', 'not-extendable-abroad', NOTES.specialReentry),
        fact('special-reentry', 'special-permanent-residents', NOTES.specialReentry),
        fact('special-reentry', 'card-returned-if-not-used', seed('1-4')),
      ],
      source: NOTES.specialReentry,
    },
    reentryPermit: {
      maxYears: 5,
      specialPermanentResidentMaxYears: 6,
      cappedAtPeriodOfStay: true,
      facts: [
        fact('reentry-permit', 'apply-at-bureau', seed('3')),
        fact('reentry-permit', 'up-to-five-years', seed('3')),
        fact('reentry-permit', 'special-permanent-residents', NOTES.reentryPermit),
      ],
      source: seed('3'),
    },
  },
} satisfies z.input<typeof proceduresSchema>['reentry'];
