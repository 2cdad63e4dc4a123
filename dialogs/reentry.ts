/**
 * Leaving Japan temporarily (guidebook 3, CONTENT-NOTES "Re-entry"): special re-entry (no permit,
 * back within 1 year and before the period of stay ends) or a re-entry permit (up to 5 years,
 * also capped at the period of stay).
 *
 * Asks the kind of residence, the departure, the end of the period of stay (not for permanent
 * residents: they have none) and the planned return; the deadline engine's `reentry` rule gives
 * `returnBy`, `permitReturnBy` and the verdict. These are validity ends: never moved.
 * Special permanent residents (2 years / 6 years) are not modelled by the engine: they get the
 * facts from content and no computed dates.
 */
import { assign, setup } from 'xstate';
import type { Content } from '../content/index.ts';
import { computeDeadline } from '../src/deadlines/index.ts';
import {
  answeredDate,
  chosen,
  documentsChecklist,
  officialLinks,
  statementLines,
  summaryCard,
  validityLines,
} from './answers.ts';
import {
  ask,
  askDate,
  type DialogEvent,
  type DialogMessage,
  defineDialog,
  type IsoDate,
  type Phrase,
  phrase,
} from './kit.ts';

const RESIDENCIES = ['period-of-stay', 'permanent-resident', 'special-permanent-resident'] as const;
export type Residency = (typeof RESIDENCIES)[number];

export interface ReentryContext {
  residency?: Residency;
  departure?: IsoDate;
  /** The last day of the period of stay (none for permanent residents). */
  expiry?: IsoDate;
  plannedReturn?: IsoDate;
}

/**
 * A permanent resident has no period of stay, so only the 1-year and 5-year limits bind
 * (Immigration Act arts. 26, 26-2). The engine's `reentry` rule requires an expiry: we pass the
 * last date it accepts, later than any limit it can compute from a departure before 2095, so the
 * dates are the engine's own 1-year / 5-year arithmetic (`returnByLimit: 'one-year'`).
 */
const NO_PERIOD_OF_STAY_END: IsoDate = '2100-12-31';

type Details = Content['procedures']['reentry']['details'];

function pick(statements: Details['specialReentry']['facts'], ...ids: string[]): Phrase[] {
  return statementLines(statements.filter((statement) => ids.includes(statement.id)));
}

function reentryDates(context: ReentryContext, today: IsoDate) {
  const departure = context.departure ?? today;
  return computeDeadline(
    'reentry',
    {
      departure,
      expiry:
        context.residency === 'permanent-resident' ? NO_PERIOD_OF_STAY_END : (context.expiry ?? departure),
      plannedReturn: context.plannedReturn ?? departure,
    },
    today,
  );
}

export const reentryDialog = defineDialog<ReentryContext>({
  id: 'reentry',
  version: 1,
  createMachine: () =>
    setup({
      types: { context: {} as ReentryContext, events: {} as DialogEvent, input: {} as { today: IsoDate } },
      guards: {
        isResidency: ({ event }) => (RESIDENCIES as readonly string[]).includes(chosen(event) ?? ''),
        isSpecialPermanentResident: ({ event }) => chosen(event) === 'special-permanent-resident',
        isPermanentResident: ({ context }) => context.residency === 'permanent-resident',
        // The engine refuses a return, or an end of stay, before the departure.
        notBeforeDeparture: ({ context, event }) =>
          event.type === 'DATE' && event.date >= (context.departure ?? ''),
      },
    }).createMachine({
      id: 'reentry',
      context: {},
      initial: 'askResidency',
      states: {
        askResidency: {
          on: {
            CHOICE: [
              {
                guard: 'isSpecialPermanentResident',
                target: 'done',
                actions: assign({ residency: 'special-permanent-resident' as const }),
              },
              {
                guard: 'isResidency',
                target: 'askDeparture',
                actions: assign({ residency: ({ event }) => chosen(event) as Residency }),
              },
            ],
          },
        },
        askDeparture: {
          // Past dates too: someone already abroad asks by when to come back.
          on: {
            DATE: [
              {
                guard: 'isPermanentResident',
                target: 'askReturn',
                actions: assign({ departure: ({ event }) => answeredDate(event), expiry: undefined }),
              },
              { target: 'askExpiry', actions: assign({ departure: ({ event }) => answeredDate(event) }) },
            ],
          },
        },
        askExpiry: {
          on: {
            DATE: {
              guard: 'notBeforeDeparture',
              target: 'askReturn',
              actions: assign({ expiry: ({ event }) => answeredDate(event) }),
            },
          },
        },
        askReturn: {
          on: {
            DATE: {
              guard: 'notBeforeDeparture',
              target: 'done',
              actions: assign({ plannedReturn: ({ event }) => answeredDate(event) }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  // The last day to come back: special re-entry's when it suffices, the permit's when one is needed.
  deadlines: (context, { today }) => {
    if (context.residency === 'special-permanent-resident') return [];
    const dates = reentryDates(context, today);
    if (dates.verdict === 'special-reentry-suffices')
      return [
        { id: 'return-by', what: 'reminders:what.returnBy', due: dates.returnBy, schedule: 'return-by' },
      ];
    if (dates.verdict === 'permit-needed')
      return [
        {
          id: 'return-by',
          what: 'reminders:what.permitReturnBy',
          due: dates.permitReturnBy,
          schedule: 'return-by',
        },
      ];
    return [];
  },
  views: {
    askResidency: () => [
      ask(phrase('reentry:askResidency'), [
        ['period-of-stay', 'reentry:residency.period-of-stay'],
        ['permanent-resident', 'glossary:status.permanent-resident'],
        ['special-permanent-resident', 'reentry:residency.special-permanent-resident'],
      ]),
    ],
    askDeparture: () => [askDate(phrase('reentry:askDeparture'))],
    askExpiry: (context) => [askDate(phrase('reentry:askExpiry'), { min: context.departure })],
    askReturn: (context) => [askDate(phrase('reentry:askReturn'), { min: context.departure })],
    done: (context, { content, today }) =>
      context.residency === 'special-permanent-resident'
        ? specialPermanentResidentAnswer(content)
        : personalAnswer(context, content, today),
  },
});

function personalAnswer(context: ReentryContext, content: Content, today: IsoDate): DialogMessage[] {
  const { specialReentry, reentryPermit } = content.procedures.reentry.details;
  const dates = reentryDates(context, today);
  const permanent = context.residency === 'permanent-resident';
  const noExpiry = permanent ? [phrase('reentry:summary.noPeriodOfStay')] : [];
  const links = officialLinks(content, 'reentry');
  const planned = { plannedReturn: dates.plannedReturn ?? today };
  if (dates.verdict === 'special-reentry-suffices') {
    return [
      summaryCard(
        phrase('reentry:summary.specialTitle'),
        [
          phrase('reentry:summary.specialSuffices', planned),
          ...validityLines(
            { until: dates.returnBy, basis: dates.basis, daysLeft: dates.daysLeft, status: dates.status },
            'reentry:summary.returnBy',
          ),
          ...(dates.returnByLimit === 'period-of-stay' ? [phrase('reentry:summary.cappedAtExpiry')] : []),
          ...noExpiry,
          ...pick(specialReentry.facts, 'no-application-needed', 'declare-on-embarkation-card'),
          ...(permanent ? [] : pick(specialReentry.facts, 'not-for-short-stays')),
          ...pick(specialReentry.facts, 'not-extendable-abroad', 'card-returned-if-not-used'),
          phrase('reentry:summary.permitIfLonger'),
        ],
        links,
      ),
      documentsChecklist(content, 'reentry'),
    ];
  }
  if (dates.verdict === 'permit-needed') {
    return [
      summaryCard(
        phrase('reentry:summary.permitTitle'),
        [
          phrase('reentry:summary.permitNeeded', { ...planned, returnBy: dates.returnBy }),
          phrase('reentry:summary.permitReturnBy', { until: dates.permitReturnBy }),
          ...(dates.permitReturnByLimit === 'period-of-stay'
            ? [phrase('reentry:summary.cappedAtExpiry')]
            : []),
          ...noExpiry,
          ...pick(reentryPermit.facts, 'apply-at-bureau', 'up-to-five-years'),
        ],
        links,
      ),
      documentsChecklist(content, 'reentry'),
    ];
  }
  return [
    summaryCard(
      phrase('reentry:summary.beyondTitle'),
      [
        phrase('reentry:summary.beyondLimit', { ...planned, until: dates.permitReturnBy }),
        ...(dates.permitReturnByLimit === 'period-of-stay' ? [phrase('reentry:summary.cappedAtExpiry')] : []),
        ...noExpiry,
        ...pick(reentryPermit.facts, 'up-to-five-years'),
        phrase('reentry:summary.askBeforeLeaving'),
      ],
      links,
    ),
  ];
}

/** Special permanent residents: their longer limits from content, without computed dates. */
function specialPermanentResidentAnswer(content: Content): DialogMessage[] {
  const procedure = content.procedures.reentry;
  const { specialReentry, reentryPermit } = procedure.details;
  return [
    summaryCard(
      phrase(procedure.nameKey),
      [
        ...statementLines(procedure.appliesTo),
        ...pick(specialReentry.facts, 'return-within-one-year', 'special-permanent-residents'),
        ...pick(specialReentry.facts, 'declare-on-embarkation-card', 'not-extendable-abroad'),
        ...pick(reentryPermit.facts, 'apply-at-bureau', 'up-to-five-years', 'special-permanent-residents'),
        phrase('reentry:summary.noDatesForSpecialPermanentResidents'),
      ],
      officialLinks(content, 'reentry'),
    ),
  ];
}
