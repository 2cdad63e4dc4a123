/**
 * Extension of the period of stay (guidebook 2-1; CONTENT-NOTES "Period of stay").
 *
 * Asks the expiry date on the card and, unless it has passed, the length of the current stay,
 * which decides the early window (about 3 months before expiry for stays of 6 months or more) and
 * the special period (none for stays of 30 days or less). All dates come from the deadline
 * engine (rule `extend-stay`). A period of stay that has already ended gets one answer only:
 * contact a person now (overstaying exposes to deportation, guidebook 5-1).
 */
import { assign, setup } from 'xstate';
import { computeDeadline, type DeadlineResult } from '../src/deadlines/index.ts';
import type { Phrase } from '../src/messages.ts';
import {
  applyBeforeExpiryLines,
  documentsChecklist,
  expiredStayReason,
  officialLinks,
  procedureFact,
  summaryCard,
  whereLine,
} from './answers.ts';
import { ask, askDate, type DialogEvent, defineDialog, type IsoDate, phrase } from './kit.ts';

/**
 * The answers to "how long is your current period of stay?", as the deadline engine's
 * `stayMonths`: it only compares with 6 (early window) and 0 (15 or 30 days: no special period),
 * so any stay under 6 months but over 30 days is 1. Unknown leaves it out.
 */
export const STAY_MONTHS = {
  'six-months-or-more': 6,
  'less-than-six-months': 1,
  'thirty-days-or-less': 0,
  'not-sure': undefined,
} as const;
export type StayLength = keyof typeof STAY_MONTHS;

export interface ExtendStayContext {
  expiry?: IsoDate;
  stayLength?: StayLength;
}

const isStayLength = (value: string): value is StayLength => value in STAY_MONTHS;

function stayOf(context: ExtendStayContext, today: IsoDate): DeadlineResult<'extend-stay'> {
  const stayMonths = context.stayLength ? STAY_MONTHS[context.stayLength] : undefined;
  return computeDeadline(
    'extend-stay',
    { expiry: context.expiry ?? today, ...(stayMonths !== undefined && { stayMonths }) },
    today,
  );
}

function earlyWindowLine(stay: DeadlineResult<'extend-stay'>): Phrase {
  if (stay.earlyWindow === 'none' || !stay.applyFrom) return phrase('extend-stay:summary.noEarlyWindow');
  if (stay.earlyWindow === 'if-stay-of-6-months-or-more')
    return phrase('extend-stay:summary.applyFromIfLong', { from: stay.applyFrom });
  return stay.applyFrom <= stay.today
    ? phrase('extend-stay:summary.canApplyNow')
    : phrase('extend-stay:summary.applyFrom', { from: stay.applyFrom });
}

export const extendStayDialog = defineDialog<ExtendStayContext>({
  id: 'extend-stay',
  version: 1,
  createMachine: () =>
    setup({
      types: { context: {} as ExtendStayContext, events: {} as DialogEvent, input: {} as { today: IsoDate } },
      guards: {
        isStayLength: ({ event }) => event.type === 'CHOICE' && isStayLength(event.value),
        // The stay ended before today: the length no longer changes the answer.
        hasExpired: ({ event }) => event.type === 'DATE' && event.date < event.today,
      },
    }).createMachine({
      id: 'extend-stay',
      context: {},
      initial: 'askExpiry',
      states: {
        askExpiry: {
          on: {
            DATE: [
              { guard: 'hasExpired', target: 'done', actions: assign({ expiry: ({ event }) => event.date }) },
              { target: 'askStayLength', actions: assign({ expiry: ({ event }) => event.date }) },
            ],
          },
        },
        askStayLength: {
          on: {
            CHOICE: {
              guard: 'isStayLength',
              target: 'done',
              actions: assign({ stayLength: ({ event }) => event.value as StayLength }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  // Reminders before the expiry; the one about 3 months before only when the early window applies.
  escalate: (context, { today }) => expiredStayReason(context.expiry ? stayOf(context, today) : undefined),
  deadlines: (context, { today }) => {
    const stay = stayOf(context, today);
    if (stay.status === 'overdue') return [];
    const schedule = stay.earlyWindow === 'none' ? 'short-period-of-stay' : 'period-of-stay';
    return [{ id: 'apply-by', what: 'reminders:what.extendStay', due: stay.applyBy, schedule }];
  },
  views: {
    askExpiry: () => [askDate(phrase('extend-stay:askExpiry'))],
    askStayLength: () => [
      ask(
        phrase('extend-stay:askStayLength'),
        Object.keys(STAY_MONTHS).map((length) => [length, `extend-stay:stayLength.${length}`] as const),
      ),
    ],
    done: (context, { content, today }) => {
      const stay = stayOf(context, today);
      if (stay.status === 'overdue') {
        return [
          summaryCard(
            phrase('extend-stay:summary.expiredTitle'),
            applyBeforeExpiryLines(content, 'extend-stay', stay),
          ),
        ];
      }
      return [
        summaryCard(
          phrase('extend-stay:summary.title'),
          [
            earlyWindowLine(stay),
            ...applyBeforeExpiryLines(content, 'extend-stay', stay),
            procedureFact(content, 'extend-stay', 'new-card-if-granted'),
            whereLine(content.procedures['extend-stay'].where),
          ],
          officialLinks(content, 'extend-stay'),
        ),
        documentsChecklist(content, 'extend-stay'),
      ];
    },
  },
});
