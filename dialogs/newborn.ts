/**
 * A child born in Japan without Japanese nationality (guidebook 2-4).
 *
 * Asks the date of birth and whether the child will leave Japan within the 60 days: a child who
 * stays longer needs a status of residence, applied for within 30 days of the birth, after the
 * birth has been notified to the municipal office (14 days counting the day of birth: Family
 * Register Act arts. 43, 49, CONTENT-NOTES "Counting periods"). Every date comes from the deadline
 * engine's `newborn` rule; the 60-day limit is a validity end and never moves.
 */
import { assign, setup } from 'xstate';
import { computeDeadline } from '../src/deadlines/index.ts';
import {
  answeredDate,
  answeredYes,
  answeredYesOrNo,
  deadlineLines,
  documentsChecklist,
  officialLinks,
  statementLines,
  summaryCard,
  validityLines,
} from './answers.ts';
import { askDate, askYesNo, type DialogEvent, defineDialog, type IsoDate, phrase } from './kit.ts';

export interface NewbornContext {
  birth?: IsoDate;
  /** The child leaves Japan within the 60 days: no application is needed (guidebook 2-4). */
  leaving?: boolean;
}

function newbornDates(birth: IsoDate, today: IsoDate) {
  return computeDeadline('newborn', { birth }, today);
}

export const newbornDialog = defineDialog<NewbornContext>({
  id: 'newborn',
  version: 1,
  createMachine: () =>
    setup({
      types: { context: {} as NewbornContext, events: {} as DialogEvent, input: {} as { today: IsoDate } },
      guards: {
        // A birth that has happened; planning ahead of a birth is not this procedure yet.
        bornByToday: ({ event }) => event.type === 'DATE' && event.date <= event.today,
        // The 60 days are over: asking whether the child will leave within them makes no sense.
        sixtyDaysOver: ({ event }) =>
          event.type === 'DATE' &&
          event.date <= event.today &&
          newbornDates(event.date, event.today).stayWithoutStatus.status === 'overdue',
        isYesOrNo: ({ event }) => answeredYesOrNo(event),
      },
    }).createMachine({
      id: 'newborn',
      context: {},
      initial: 'askBirth',
      states: {
        askBirth: {
          on: {
            DATE: [
              {
                guard: 'sixtyDaysOver',
                target: 'done',
                actions: assign({ birth: ({ event }) => answeredDate(event), leaving: false }),
              },
              {
                guard: 'bornByToday',
                target: 'askLeaving',
                actions: assign({ birth: ({ event }) => answeredDate(event) }),
              },
            ],
          },
        },
        askLeaving: {
          on: {
            CHOICE: {
              guard: 'isYesOrNo',
              target: 'done',
              actions: assign({ leaving: ({ event }) => answeredYes(event) }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  // Birth notification and status application: 14-day style; the 60 days matter when leaving.
  deadlines: (context, { today }) => {
    const dates = newbornDates(context.birth ?? today, today);
    const notifyBirth = {
      id: 'birth-notification',
      what: 'reminders:what.birthNotification',
      due: dates.birthNotification.due,
      schedule: 'notification',
    } as const;
    if (context.leaving) {
      return [
        notifyBirth,
        {
          id: 'leave-by',
          what: 'reminders:what.newbornLeave',
          due: dates.stayWithoutStatus.until,
          schedule: 'leave-by',
        },
      ];
    }
    return [
      notifyBirth,
      { id: 'apply-by', what: 'reminders:what.newbornStatus', due: dates.due, schedule: 'notification' },
    ];
  },
  views: {
    askBirth: (_context, { today }) => [askDate(phrase('newborn:askBirth'), { max: today })],
    askLeaving: (context, { content, today }) => [
      askYesNo(
        phrase('newborn:askLeaving', {
          days: content.procedures.newborn.details.applicationNeededIfStayingBeyondDays,
          until: newbornDates(context.birth ?? today, today).stayWithoutStatus.until,
        }),
      ),
    ],
    done: (context, { content, today }) => {
      const procedure = content.procedures.newborn;
      const dates = newbornDates(context.birth ?? today, today);
      const days = procedure.details.applicationNeededIfStayingBeyondDays;
      const notifyBirth = deadlineLines(dates.birthNotification, 'newborn:summary.notifyBirthBy');
      const factLines = (...ids: string[]) =>
        statementLines(procedure.facts.filter((fact) => ids.includes(fact.id)));
      if (context.leaving) {
        return [
          summaryCard(
            phrase('newborn:summary.leavingTitle'),
            [
              ...validityLines(dates.stayWithoutStatus, 'newborn:summary.leaveBy'),
              phrase('newborn:summary.noApplicationIfLeaving', { days }),
              ...factLines('apply-within-30-days'),
              ...notifyBirth,
            ],
            officialLinks(content, 'newborn'),
          ),
        ];
      }
      const sixtyDaysOver = dates.stayWithoutStatus.status === 'overdue';
      return [
        summaryCard(
          phrase(procedure.nameKey),
          [
            ...(sixtyDaysOver ? [phrase('newborn:summary.sixtyDaysOver', { days })] : []),
            ...factLines('declare-birth-first'),
            ...notifyBirth,
            ...deadlineLines(dates, 'newborn:summary.applyBy'),
            ...validityLines(dates.stayWithoutStatus, 'newborn:summary.stayUntil'),
            ...factLines('new-card-if-granted'),
          ],
          officialLinks(content, 'newborn'),
        ),
        documentsChecklist(content, 'newborn'),
      ];
    },
  },
});
