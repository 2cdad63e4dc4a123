/**
 * Move-in notification (guidebook 1-2): register your place of residence at the municipal office
 * within 14 days of settling on it.
 *
 * Asks whether the card was handed over at the airport (then bring the card; otherwise the
 * passport, and the card comes by post afterwards: guidebook 1-1 ii) and the day the residence
 * was settled; the due date comes from the deadline engine (rule `move-in`, Local Autonomy Act
 * art. 4-2(4) for a closed last day).
 */
import { assign, setup } from 'xstate';
import { computeDeadline } from '../src/deadlines/index.ts';
import {
  answeredDate,
  deadlineLines,
  documentsChecklist,
  officialLinks,
  summaryCard,
  whereLine,
} from './answers.ts';
import { askDate, askYesNo, type DialogEvent, defineDialog, type IsoDate, phrase } from './kit.ts';

export interface MoveInContext {
  /** The card was handed over at one of the seven airports (guidebook 1-1 i). */
  cardFromAirport?: boolean;
  settled?: IsoDate;
}

function moveInDeadlineFor(context: MoveInContext, today: IsoDate) {
  return computeDeadline('move-in', { settled: context.settled ?? today }, today);
}

export const moveInDialog = defineDialog<MoveInContext>({
  id: 'move-in',
  version: 1,
  createMachine: () =>
    setup({
      types: { context: {} as MoveInContext, events: {} as DialogEvent, input: {} as { today: IsoDate } },
      guards: {
        isYesOrNo: ({ event }) => event.type === 'CHOICE' && ['yes', 'no'].includes(event.value),
        // The notification follows settling: a residence settled in the future has no deadline yet.
        notFuture: ({ event }) => event.type === 'DATE' && event.date <= event.today,
      },
    }).createMachine({
      id: 'move-in',
      context: {},
      initial: 'askAirport',
      states: {
        askAirport: {
          on: {
            CHOICE: {
              guard: 'isYesOrNo',
              target: 'askSettled',
              actions: assign({
                cardFromAirport: ({ event }) => event.type === 'CHOICE' && event.value === 'yes',
              }),
            },
          },
        },
        askSettled: {
          on: {
            DATE: {
              guard: 'notFuture',
              target: 'done',
              actions: assign({ settled: ({ event }) => answeredDate(event) }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  deadlines: (context, { today }) => [
    {
      id: 'notify-by',
      what: 'reminders:what.moveIn',
      due: moveInDeadlineFor(context, today).due,
      schedule: 'notification',
    },
  ],
  views: {
    askAirport: () => [askYesNo(phrase('move-in:askAirport'))],
    askSettled: (_context, { today }) => [askDate(phrase('move-in:askSettled'), { max: today })],
    done: (context, { content, today }) => {
      const settled = context.settled ?? today;
      const deadline = moveInDeadlineFor(context, today);
      const cardByPost = content.procedures['card-issuance'].details.cases.find(
        (c) => c.id === 'landing-elsewhere',
      );
      return [
        summaryCard(
          phrase('move-in:summary.title'),
          [
            phrase('move-in:summary.countedFromSettled', { date: settled }),
            ...deadlineLines(deadline, 'move-in:summary.dueBy'),
            whereLine(content.procedures['move-in'].where),
            ...(!context.cardFromAirport && cardByPost ? [phrase(cardByPost.outcomeKey)] : []),
          ],
          officialLinks(content, 'move-in'),
        ),
        documentsChecklist(content, 'move-in', {
          only: [context.cardFromAirport ? 'residence-card' : 'passport'],
        }),
      ];
    },
  },
});
