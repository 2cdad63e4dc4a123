/**
 * What the residence card is, and whether the person gets one (guidebook 1; CONTENT-NOTES
 * "Residence card").
 *
 * Opens with what the card is and who must carry it, then checks the six cases in which no card
 * is issued, asking only what decides between them: the status of residence, whether a
 * Designated Activities holder works for the Taiwan or Palestine mission, and whether the stay is
 * longer than three months. A future cardholder is asked whether they are under 16 (carrying
 * the card is compulsory from 16; a permanent resident's card validity depends on it).
 */
import { assign, setup } from 'xstate';
import type { Content } from '../content/index.ts';
import { officialLinks, summaryCard } from './answers.ts';
import {
  ask,
  askYesNo,
  type DialogEvent,
  defineDialog,
  type IsoDate,
  type Phrase,
  phrase,
  say,
} from './kit.ts';

/** The answers to "which status of residence do you have?". */
export const STATUS_ANSWERS = [
  'temporary-visitor',
  'diplomat-or-official',
  'designated-activities',
  'special-permanent-resident',
  'permanent-resident',
  'other-status',
  'no-status',
] as const;
export type StatusAnswer = (typeof STATUS_ANSWERS)[number];

export interface ResidenceCardContext {
  status?: StatusAnswer;
  /** Designated Activities at the Taiwan–Japan Relations Association or the Palestine mission. */
  missionStaff?: boolean;
  longerThanThreeMonths?: boolean;
  under16?: boolean;
}

/** Statuses that alone mean "no card" (seed 1), named by their no-card case in content. */
const NO_CARD_BY_STATUS: Partial<Record<StatusAnswer, string>> = {
  'temporary-visitor': 'temporary-visitor',
  'diplomat-or-official': 'diplomat-or-official',
  'special-permanent-resident': 'special-permanent-resident',
  'no-status': 'no-status',
};

/** The no-card case that applies (its content id), or undefined when a card is issued. */
export function noCardCase(context: ResidenceCardContext): string | undefined {
  const byStatus = context.status && NO_CARD_BY_STATUS[context.status];
  if (byStatus) return byStatus;
  if (context.missionStaff) return 'taiwan-palestine-missions';
  if (context.longerThanThreeMonths === false) return 'stay-of-three-months-or-less';
  return undefined;
}

const isYes = (event: DialogEvent) => event.type === 'CHOICE' && event.value === 'yes';
const isStatus = (value: string): value is StatusAnswer =>
  (STATUS_ANSWERS as readonly string[]).includes(value);

function noCardReason(content: Content, caseId: string): Phrase {
  const found = content.procedures['residence-card'].details.noCardCases.find((c) => c.id === caseId);
  if (!found) throw new Error(`residence-card: content has no no-card case ${caseId}`);
  return phrase(found.key);
}

export const residenceCardDialog = defineDialog<ResidenceCardContext>({
  id: 'residence-card',
  version: 1,
  // Someone with no status of residence needs a person, not a procedure.
  escalate: (context) => (context.status === 'no-status' ? 'topic' : undefined),
  createMachine: () =>
    setup({
      types: {
        context: {} as ResidenceCardContext,
        events: {} as DialogEvent,
        input: {} as { today: IsoDate },
      },
      guards: {
        isStatus: ({ event }) => event.type === 'CHOICE' && isStatus(event.value),
        noCardByStatus: ({ event }) =>
          event.type === 'CHOICE' && isStatus(event.value) && NO_CARD_BY_STATUS[event.value] !== undefined,
        isDesignatedActivities: ({ event }) =>
          event.type === 'CHOICE' && event.value === 'designated-activities',
        // A permanent resident has no time limit (seed 2-3): the three-month question does not arise.
        isPermanentResident: ({ event }) => event.type === 'CHOICE' && event.value === 'permanent-resident',
        isYes: ({ event }) => isYes(event),
        isNo: ({ event }) => event.type === 'CHOICE' && event.value === 'no',
        isYesOrNo: ({ event }) => event.type === 'CHOICE' && ['yes', 'no'].includes(event.value),
      },
    }).createMachine({
      id: 'residence-card',
      context: {},
      initial: 'askStatus',
      states: {
        askStatus: {
          on: {
            CHOICE: [
              {
                guard: 'noCardByStatus',
                target: 'done',
                actions: assign({ status: ({ event }) => event.value as StatusAnswer }),
              },
              {
                guard: 'isDesignatedActivities',
                target: 'askMission',
                actions: assign({ status: 'designated-activities' }),
              },
              {
                guard: 'isPermanentResident',
                target: 'askUnder16',
                actions: assign({ status: 'permanent-resident' }),
              },
              { guard: 'isStatus', target: 'askStay', actions: assign({ status: 'other-status' }) },
            ],
          },
        },
        askMission: {
          on: {
            CHOICE: [
              { guard: 'isYes', target: 'done', actions: assign({ missionStaff: true }) },
              { guard: 'isNo', target: 'askStay', actions: assign({ missionStaff: false }) },
            ],
          },
        },
        askStay: {
          on: {
            CHOICE: [
              { guard: 'isYes', target: 'askUnder16', actions: assign({ longerThanThreeMonths: true }) },
              { guard: 'isNo', target: 'done', actions: assign({ longerThanThreeMonths: false }) },
            ],
          },
        },
        askUnder16: {
          on: {
            CHOICE: {
              guard: 'isYesOrNo',
              target: 'done',
              actions: assign({ under16: ({ event }) => isYes(event) }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  views: {
    askStatus: (_context, { content }) => {
      const card = content.procedures['residence-card'];
      return [
        ...card.facts.map((fact) => say(fact.key)),
        ...card.appliesTo.map((fact) => say(fact.key)),
        ask(phrase('residence-card:askStatus'), [
          ['temporary-visitor', 'glossary:status.temporary-visitor'],
          ['diplomat-or-official', 'residence-card:status.diplomat-or-official'],
          ['designated-activities', 'glossary:status.designated-activities'],
          ['special-permanent-resident', 'residence-card:status.special-permanent-resident'],
          ['permanent-resident', 'glossary:status.permanent-resident'],
          ['other-status', 'residence-card:status.other-status'],
          ['no-status', 'residence-card:status.no-status'],
        ]),
      ];
    },
    askMission: () => [askYesNo(phrase('residence-card:askMission'))],
    askStay: () => [askYesNo(phrase('residence-card:askStay'))],
    askUnder16: () => [askYesNo(phrase('residence-card:askUnder16'))],
    done: (context, { content }) => {
      const caseId = noCardCase(context);
      const card = content.procedures['residence-card'];
      if (caseId) {
        const lines = [phrase('residence-card:summary.because', { reason: noCardReason(content, caseId) })];
        // Without a status of residence, staying on is an overstay (seed 5-1): a person must help.
        if (caseId === 'no-status') lines.push(phrase('residence-card:summary.noStatusTalkToPerson'));
        return [
          summaryCard(
            phrase('residence-card:summary.noCardTitle'),
            lines,
            officialLinks(content, 'residence-card'),
          ),
        ];
      }
      const validity = card.details.validity.find(
        (fact) => fact.id === (context.under16 ? 'validity-under-16' : 'validity-permanent-resident'),
      );
      return [
        summaryCard(
          phrase('residence-card:summary.cardTitle'),
          [
            phrase(
              context.under16 ? 'residence-card:summary.carryFrom16' : 'residence-card:summary.carryAlways',
              {
                age: card.details.mustCarryFromAge,
              },
            ),
            // CONTENT-NOTES "Residence card": these validity rules are the permanent resident's.
            ...(context.status === 'permanent-resident' && validity ? [phrase(validity.key)] : []),
            phrase('residence-card:summary.howIssued'),
          ],
          [
            { kind: 'postback', label: phrase('common:intent.card-issuance'), payload: 'go:card-issuance' },
            ...officialLinks(content, 'residence-card'),
          ],
        ),
      ];
    },
  },
});
