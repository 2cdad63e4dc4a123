/**
 * Seed section 1: the residence card (在留カード) — who gets one, when it is issued, the move-in
 * notification, loss and return.
 */
import type { z } from 'zod';
import { airports } from '../directory/offices.ts';
import type { proceduresSchema } from '../schema.ts';
import { NOTES, SHARED_URLS, seed } from '../sources.ts';
import { fact } from './fact.ts';

type Input = z.input<typeof proceduresSchema>;

export const residenceCard = {
  id: 'residence-card',
  nameKey: 'glossary:procedure.residence-card',
  appliesTo: [fact('residence-card', 'issued-to-mid-to-long-term-residents', seed('1'))],
  facts: [
    fact('residence-card', 'what-it-shows', seed('1')),
    fact('residence-card', 'must-carry', seed('1')),
    fact('residence-card', 'identity-document', seed('1')),
  ],
  source: seed('1'),
  details: {
    mustCarryFromAge: 16,
    noCardCases: [
      { ...fact('no-card-case', 'stay-of-three-months-or-less', seed('1')) },
      { ...fact('no-card-case', 'temporary-visitor', seed('1')), statuses: ['temporary-visitor'] },
      // CONTENT-NOTES error 1: the seed's "Diplôme" is the status Diplomat.
      { ...fact('no-card-case', 'diplomat-or-official', seed('1')), statuses: ['diplomat', 'official'] },
      {
        ...fact('no-card-case', 'taiwan-palestine-missions', seed('1')),
        statuses: ['designated-activities'],
      },
      { ...fact('no-card-case', 'special-permanent-resident', seed('1')) },
      { ...fact('no-card-case', 'no-status', seed('1')) },
    ],
    validity: [
      fact('residence-card', 'validity-permanent-resident', NOTES.cardValidity),
      fact('residence-card', 'validity-under-16', NOTES.cardValidity),
    ],
  },
} satisfies Input['residence-card'];

export const cardIssuance = {
  id: 'card-issuance',
  nameKey: 'glossary:procedure.card-issuance',
  appliesTo: [fact('residence-card', 'issued-to-mid-to-long-term-residents', seed('1'))],
  source: seed('1-1'),
  details: {
    cases: [
      {
        item: 'i',
        id: 'landing-at-major-airport',
        whenKey: 'glossary:card-issuance.landing-at-major-airport',
        outcomeKey: 'glossary:card-issuance.issued-at-airport',
        source: seed('1-1'),
      },
      {
        item: 'ii',
        id: 'landing-elsewhere',
        whenKey: 'glossary:card-issuance.landing-elsewhere',
        outcomeKey: 'glossary:card-issuance.sent-by-post-after-move-in',
        relatedProcedure: 'move-in',
        source: seed('1-1'),
      },
      {
        item: 'iii',
        id: 'extension-granted',
        whenKey: 'glossary:card-issuance.extension-granted',
        outcomeKey: 'glossary:card-issuance.new-card-if-granted',
        relatedProcedure: 'extend-stay',
        source: seed('1-1'),
      },
      {
        item: 'iv',
        id: 'change-granted',
        whenKey: 'glossary:card-issuance.change-granted',
        outcomeKey: 'glossary:card-issuance.new-card-if-granted',
        relatedProcedure: 'change-status',
        source: seed('1-1'),
      },
      {
        // CONTENT-NOTES error 4: the seed numbers this one "iv" a second time.
        item: 'v',
        id: 'acquisition-granted',
        whenKey: 'glossary:card-issuance.acquisition-granted',
        outcomeKey: 'glossary:card-issuance.new-card-if-granted',
        relatedProcedure: 'newborn',
        source: seed('1-1'),
      },
    ],
    airportsIssuingCards: airports.map((airport) => airport.id),
  },
} satisfies Input['card-issuance'];

export const moveIn = {
  id: 'move-in',
  nameKey: 'glossary:procedure.move-in',
  appliesTo: [fact('move-in', 'card-recipients', seed('1-2'))],
  facts: [fact('move-in', 'within-14-days-of-settling', seed('1-2'))],
  documents: [
    {
      document: 'residence-card',
      conditionKey: 'glossary:document-condition.if-card-issued-at-airport',
      source: seed('1-2'),
    },
    {
      document: 'passport',
      conditionKey: 'glossary:document-condition.if-landed-elsewhere',
      source: seed('1-2'),
    },
  ],
  deadlineRule: 'move-in',
  where: ['municipal-office'],
  source: seed('1-2'),
} satisfies Input['move-in'];

export const lostCard = {
  id: 'lost-card',
  nameKey: 'glossary:procedure.lost-card',
  appliesTo: [fact('lost-card', 'cardholder-who-lost-card', seed('1-3'))],
  facts: [
    fact('lost-card', 'apply-within-14-days', seed('1-3')),
    // CONTENT-NOTES "Residence card": the 14 days run from the day the loss is noticed, or from re-entry.
    fact('lost-card', 'counted-from-noticing', NOTES.cardLoss),
    fact('lost-card', 'noticed-abroad', NOTES.cardLoss),
  ],
  documents: [
    { document: 'passport', source: seed('1-3') },
    { document: 'photo', source: seed('1-3') },
    { document: 'proof-of-loss', source: seed('1-3') },
    { document: 'reissue-application', source: seed('1-3') },
  ],
  deadlineRule: 'lost-card',
  where: ['regional-bureau'],
  links: [
    {
      url: 'https://www.moj.go.jp/isa/applications/procedures/nyuukokukanri10_00010.html',
      source: seed('1-3'),
    },
  ],
  source: seed('1-3'),
} satisfies Input['lost-card'];

export const returnCard = {
  id: 'return-card',
  nameKey: 'glossary:procedure.return-card',
  appliesTo: [fact('return-card', 'in-the-cases-listed', seed('1-4'))],
  documents: [{ document: 'residence-card', source: seed('1-4') }],
  deadlineRule: 'return-card',
  where: ['regional-bureau', 'by-post'],
  links: [{ url: SHARED_URLS.returnCard, source: seed('1-4') }],
  source: seed('1-4'),
  details: {
    cases: [
      // CONTENT-NOTES error 3: leaving for good, the card is surrendered at the port on departure.
      {
        ...fact('return-case', 'final-departure', NOTES.returnCardPage),
        deadline: 'on-departure',
        where: ['port-of-departure'],
      },
      // CONTENT-NOTES error 2: it is the cardholder who dies; a relative or housemate returns the card.
      {
        ...fact('return-case', 'cardholder-died', NOTES.seedErrors),
        deadline: 'return-card',
        where: ['regional-bureau', 'by-post'],
      },
      {
        ...fact('return-case', 'special-reentry-not-used', seed('1-4')),
        deadline: 'return-card',
        where: ['regional-bureau', 'by-post'],
      },
      {
        ...fact('return-case', 'naturalised', seed('1-4')),
        deadline: 'return-card',
        where: ['regional-bureau', 'by-post'],
      },
    ],
    postalAddress: {
      recipientKey: 'glossary:office.odaiba-online-inspection',
      address: 'Tokyo Port Joint Government Building 9F, 2-7-11 Aomi, Koto-ku, Tokyo 135-0064',
      envelopeMarking: 'Return of the Residence Card',
      source: seed('1-4'),
    },
  },
} satisfies Input['return-card'];
