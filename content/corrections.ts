/**
 * Where the seed is wrong or outdated (CONTENT-NOTES "Errors in the French seed" and later
 * sections), what content says instead, and where that is applied. Developer-facing: never shown
 * to users.
 */
import type { z } from 'zod';
import type { correctionSchema } from './schema.ts';
import { NOTES } from './sources.ts';

export const corrections = [
  {
    id: 'diplomat-not-diploma',
    kind: 'seed-error',
    section: '1',
    seedSays: 'statut de résidence « Diplôme » ou Officiel',
    contentSays: 'The status is Diplomat (外交), a mistranslation in the French edition.',
    appliedIn: ['statuses.diplomat', 'procedures.residence-card.details.noCardCases.diplomat-or-official'],
    source: NOTES.seedErrors,
  },
  {
    id: 'cardholder-dies',
    kind: 'seed-error',
    section: '1-4',
    seedSays: 'Si un membre de votre famille ou une personne avec qui vous viviez décède',
    contentSays:
      'When the card holder dies, a relative or a person who lived with them returns the card within 14 days.',
    appliedIn: ['procedures.return-card.details.cases.cardholder-died'],
    source: NOTES.seedErrors,
  },
  {
    id: 'final-departure-at-port',
    kind: 'seed-error',
    section: '1-4',
    seedSays: 'Dans les cas ci-dessus, vous devez retourner votre carte de résidence dans les 14 jours',
    contentSays:
      'Someone leaving Japan for good without a re-entry permission surrenders the card at the port on departure, not within 14 days.',
    appliedIn: ['procedures.return-card.details.cases.final-departure'],
    source: NOTES.returnCardPage,
  },
  {
    id: 'acquisition-is-item-v',
    kind: 'seed-error',
    section: '1-1',
    seedSays: 'two items numbered « iv »',
    contentSays: 'The acquisition of a status of residence is item v.',
    appliedIn: ['procedures.card-issuance.details.cases.acquisition-granted'],
    source: NOTES.seedErrors,
  },
  {
    id: 'departure-order-two-routes',
    kind: 'outdated',
    section: '5-3',
    seedSays: "La personne doit se présenter volontairement à l'office de l'immigration",
    contentSays:
      'Since 10 June 2024 the first condition has two routes: appearing voluntarily before an investigation starts, or declaring the intent to leave promptly after it starts, before being told the grounds for deportation. All conditions must be met.',
    appliedIn: ['procedures.deportation.details.departureOrder.conditions.comes-forward'],
    source: NOTES.departureOrder,
  },
  {
    id: 'photo-six-months',
    kind: 'confirmed',
    section: '1-3',
    seedSays: 'photo … de moins de six mois',
    contentSays: 'Six months is current; older ISA pages say three months, which is outdated.',
    appliedIn: ['documents.photo'],
    source: NOTES.residenceCard,
  },
  {
    id: 'reentry-ban-cases',
    kind: 'clarified',
    section: '5-2',
    seedSays: 'cinq ou dix ans … plus jamais',
    contentSays:
      'Departure order: 1 year; deportation: 5 years; deported or ordered out before: 10 years; no limit after a sentence of 1 year or more or any drug offence.',
    appliedIn: ['procedures.deportation.details.reentryBans'],
    source: NOTES.reentryBans,
  },
] satisfies z.input<typeof correctionSchema>[];
