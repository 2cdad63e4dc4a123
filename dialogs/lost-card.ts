/**
 * Lost, stolen or destroyed residence card → apply for a new one (guidebook 1-3).
 *
 * Asks what happened (it decides the proof of loss), when it was noticed, whether abroad (then the
 * 14 days run from re-entry: CONTENT-NOTES "Residence card"), and whether the holder is under 16
 * (no photo). Ends with the due date from the deadline engine, the checklist and the official page.
 */
import { assign, setup } from 'xstate';
import { computeDeadline } from '../src/deadlines/index.ts';
import {
  answeredDate,
  chosen,
  deadlineLines,
  documentsChecklist,
  officialLinks,
  summaryCard,
} from './answers.ts';
import { ask, askDate, askYesNo, type DialogEvent, defineDialog, type IsoDate, phrase, say } from './kit.ts';

export type LossCause = 'lost' | 'stolen' | 'disaster';

export interface LostCardContext {
  cause?: LossCause;
  noticed?: IsoDate;
  abroad?: boolean;
  reentered?: IsoDate;
  under16?: boolean;
}

/** The accepted proof of loss for each cause (content: document `proof-of-loss`, its variants). */
const PROOF_BY_CAUSE: Record<LossCause, string> = {
  lost: 'loss-certificate',
  stolen: 'theft-report',
  disaster: 'disaster-victim-certificate',
};

function lostCardDeadlineFor(context: LostCardContext, today: IsoDate) {
  return computeDeadline(
    'lost-card',
    context.abroad
      ? { noticed: context.noticed ?? today, abroad: true, reentered: context.reentered ?? today }
      : { noticed: context.noticed ?? today },
    today,
  );
}

export const lostCardDialog = defineDialog<LostCardContext>({
  id: 'lost-card',
  version: 1,
  createMachine: () =>
    setup({
      types: { context: {} as LostCardContext, events: {} as DialogEvent, input: {} as { today: IsoDate } },
      guards: {
        isCause: ({ event }) => ['lost', 'stolen', 'disaster'].includes(chosen(event) ?? ''),
        isYes: ({ event }) => chosen(event) === 'yes',
        isNo: ({ event }) => chosen(event) === 'no',
        // One cannot notice a loss in the future.
        notFuture: ({ event }) => event.type === 'DATE' && event.date <= event.today,
        // Re-entry comes after the loss was noticed; it may still be planned (a future date).
        notBeforeNoticed: ({ context, event }) =>
          event.type === 'DATE' && event.date >= (context.noticed ?? ''),
      },
    }).createMachine({
      id: 'lost-card',
      context: {},
      initial: 'askCause',
      states: {
        askCause: {
          on: {
            CHOICE: {
              guard: 'isCause',
              target: 'askNoticed',
              actions: assign({ cause: ({ event }) => chosen(event) as LossCause }),
            },
          },
        },
        askNoticed: {
          on: {
            DATE: {
              guard: 'notFuture',
              target: 'askAbroad',
              actions: assign({ noticed: ({ event }) => answeredDate(event) }),
            },
          },
        },
        askAbroad: {
          on: {
            CHOICE: [
              { guard: 'isYes', target: 'askReentered', actions: assign({ abroad: true }) },
              {
                guard: 'isNo',
                target: 'askUnder16',
                actions: assign({ abroad: false, reentered: undefined }),
              },
            ],
          },
        },
        askReentered: {
          on: {
            DATE: {
              guard: 'notBeforeNoticed',
              target: 'askUnder16',
              actions: assign({ reentered: ({ event }) => answeredDate(event) }),
            },
          },
        },
        askUnder16: {
          on: {
            CHOICE: [
              { guard: 'isYes', target: 'done', actions: assign({ under16: true }) },
              { guard: 'isNo', target: 'done', actions: assign({ under16: false }) },
            ],
          },
        },
        done: { type: 'final' },
      },
    }),
  // A deadline already due or passed calls for a person; so does a child's card.
  escalate: (context, { today }) => {
    if (context.under16) return 'minor';
    const status = lostCardDeadlineFor(context, today).status;
    return status === 'upcoming' ? undefined : 'deadline';
  },
  deadlines: (context, { today }) => [
    {
      id: 'apply-by',
      what: 'reminders:what.lostCard',
      due: lostCardDeadlineFor(context, today).due,
      schedule: 'notification',
    },
  ],
  views: {
    askCause: () => [
      ask(phrase('lost-card:askCause'), [
        ['lost', 'lost-card:cause.lost'],
        ['stolen', 'lost-card:cause.stolen'],
        ['disaster', 'lost-card:cause.disaster'],
      ]),
    ],
    askNoticed: (_context, { today }) => [askDate(phrase('lost-card:askNoticed'), { max: today })],
    askAbroad: () => [askYesNo(phrase('lost-card:askAbroad'))],
    askReentered: (context) => [
      say('lost-card:abroadRule'),
      askDate(phrase('lost-card:askReentered'), context.noticed ? { min: context.noticed } : {}),
    ],
    askUnder16: () => [askYesNo(phrase('lost-card:askUnder16'))],
    done: (context, { content, today }) => {
      const cause = context.cause ?? 'lost';
      const deadline = lostCardDeadlineFor(context, today);
      return [
        summaryCard(
          phrase('lost-card:summary.title'),
          [
            phrase(`lost-card:summary.cause.${cause}`),
            phrase(
              context.abroad
                ? 'lost-card:summary.countedFromReentry'
                : 'lost-card:summary.countedFromNoticed',
              {
                date: deadline.countedFrom,
              },
            ),
            ...deadlineLines(deadline, 'lost-card:summary.dueBy'),
            phrase('lost-card:summary.where'),
          ],
          officialLinks(content, 'lost-card'),
        ),
        documentsChecklist(content, 'lost-card', {
          age: context.under16 ? 'under-16' : '16-or-over',
          variants: { 'proof-of-loss': PROOF_BY_CAUSE[cause] },
        }),
        ...(context.under16 ? [say('lost-card:summary.noPhotoUnder16')] : []),
      ];
    },
  },
});
