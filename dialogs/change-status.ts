/**
 * Change of status of residence (guidebook 2-2; CONTENT-NOTES "Period of stay").
 *
 * Says who the procedure is for, then asks one thing: when the current period of stay ends,
 * since the application must be filed before it (then the special period applies; after it,
 * contact a person now). Ends with the documents, the official pages (forms, list of documents
 * and the search by status of residence) and where to apply.
 */
import { assign, setup } from 'xstate';
import { computeDeadline } from '../src/deadlines/index.ts';
import {
  applyBeforeExpiryLines,
  documentsChecklist,
  expiredStayReason,
  officialLinks,
  procedureFact,
  summaryCard,
  whereLine,
} from './answers.ts';
import { askDate, type DialogEvent, defineDialog, type IsoDate, phrase, say } from './kit.ts';

export interface ChangeStatusContext {
  expiry?: IsoDate;
}

/** The same dates as an extension: apply by the expiry date, special period after it (Immigration Act art. 20(6)). */
function stayOf(context: ChangeStatusContext, today: IsoDate) {
  return computeDeadline('extend-stay', { expiry: context.expiry ?? today }, today);
}

export const changeStatusDialog = defineDialog<ChangeStatusContext>({
  id: 'change-status',
  version: 1,
  createMachine: () =>
    setup({
      types: {
        context: {} as ChangeStatusContext,
        events: {} as DialogEvent,
        input: {} as { today: IsoDate },
      },
    }).createMachine({
      id: 'change-status',
      context: {},
      initial: 'askExpiry',
      states: {
        askExpiry: {
          on: { DATE: { target: 'done', actions: assign({ expiry: ({ event }) => event.date }) } },
        },
        done: { type: 'final' },
      },
    }),
  // The period of stay ends on the expiry date: the same reminders as an extension's.
  escalate: (context, { today }) => expiredStayReason(context.expiry ? stayOf(context, today) : undefined),
  deadlines: (context, { today }) => {
    const stay = stayOf(context, today);
    if (stay.status === 'overdue') return [];
    return [
      { id: 'apply-by', what: 'reminders:what.changeStatus', due: stay.applyBy, schedule: 'period-of-stay' },
    ];
  },
  views: {
    askExpiry: (_context, { content }) => [
      ...content.procedures['change-status'].appliesTo.map((fact) => say(fact.key)),
      askDate(phrase('change-status:askExpiry')),
    ],
    done: (context, { content, today }) => {
      const stay = stayOf(context, today);
      const lines = applyBeforeExpiryLines(content, 'change-status', stay);
      if (stay.status === 'overdue') {
        return [summaryCard(phrase('change-status:summary.expiredTitle'), lines)];
      }
      return [
        summaryCard(
          phrase('change-status:summary.title'),
          [
            ...lines,
            procedureFact(content, 'change-status', 'new-card-if-granted'),
            whereLine(content.procedures['change-status'].where),
            phrase('change-status:summary.searchByStatus', {
              link: phrase('glossary:link-topic.search-by-status'),
            }),
          ],
          officialLinks(content, 'change-status'),
        ),
        documentsChecklist(content, 'change-status'),
      ];
    },
  },
});
