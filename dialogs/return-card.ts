/**
 * Returning the residence card (guidebook 1-4, with CONTENT-NOTES errors 2 and 3).
 *
 * Asks which case of content applies and the day of the event. Leaving Japan for good, the card
 * is handed to the immigration officer at the port on the day of departure; in the other cases
 * (the holder's death, special re-entry not used in time, naturalisation) it goes back within 14
 * days (deadline engine rule `return-card`), at a regional bureau's counter or by post to the
 * address in content, with the envelope marking written exactly as given.
 */
import { assign, setup } from 'xstate';
import type { Content } from '../content/index.ts';
import { computeDeadline } from '../src/deadlines/index.ts';
import type { Phrase } from '../src/messages.ts';
import {
  answeredDate,
  chosen,
  countdownLine,
  deadlineLines,
  documentsChecklist,
  officialLinks,
  summaryCard,
  whereLine,
} from './answers.ts';
import { ask, askDate, type DialogEvent, defineDialog, type IsoDate, phrase } from './kit.ts';

export interface ReturnCardContext {
  /** The id of a case in `content.procedures['return-card'].details.cases`. */
  returnCase?: string;
  /** The day of the event: the departure, the death, the end of special re-entry, naturalisation. */
  event?: IsoDate;
}

/** The one case whose day is still to come: the card is surrendered on departure. */
const FINAL_DEPARTURE = 'final-departure';

function returnCases(content: Content) {
  return content.procedures['return-card'].details.cases;
}

function returnCardDeadlineFor(context: ReturnCardContext, today: IsoDate) {
  return computeDeadline(
    'return-card',
    { event: context.event ?? today, finalDeparture: context.returnCase === FINAL_DEPARTURE },
    today,
  );
}

export const returnCardDialog = defineDialog<ReturnCardContext>({
  id: 'return-card',
  version: 1,
  createMachine: (content) =>
    setup({
      types: { context: {} as ReturnCardContext, events: {} as DialogEvent, input: {} as { today: IsoDate } },
      guards: {
        isCase: ({ event }) =>
          event.type === 'CHOICE' && returnCases(content).some((c) => c.id === event.value),
        // A departure is planned (today or later); the other events have already happened.
        fitsCase: ({ context, event }) =>
          event.type === 'DATE' &&
          (context.returnCase === FINAL_DEPARTURE ? event.date >= event.today : event.date <= event.today),
      },
    }).createMachine({
      id: 'return-card',
      context: {},
      initial: 'askCase',
      states: {
        askCase: {
          on: {
            CHOICE: {
              guard: 'isCase',
              target: 'askEvent',
              actions: assign({
                returnCase: ({ event }) => chosen(event),
              }),
            },
          },
        },
        askEvent: {
          on: {
            DATE: {
              guard: 'fitsCase',
              target: 'done',
              actions: assign({ event: ({ event }) => answeredDate(event) }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  deadlines: (context, { today }) => {
    const result = returnCardDeadlineFor(context, today);
    const what =
      result.outcome === 'surrender-at-port' ? 'reminders:what.surrenderAtPort' : 'reminders:what.returnCard';
    return [{ id: 'return-by', what, due: result.due, schedule: 'notification' }];
  },
  views: {
    askCase: (_context, { content }) => [
      ask(
        phrase('return-card:askCase'),
        returnCases(content).map((c) => [c.id, `return-card:case.${c.id}`] as const),
      ),
    ],
    askEvent: (context, { today }) => [
      askDate(
        phrase(`return-card:askEvent.${context.returnCase}`),
        context.returnCase === FINAL_DEPARTURE ? { min: today } : { max: today },
      ),
    ],
    done: (context, { content, today }) => {
      const chosen = returnCases(content).find((c) => c.id === context.returnCase);
      if (!chosen) throw new Error(`return-card: unknown case ${context.returnCase}`);
      const result = returnCardDeadlineFor(context, today);
      const { postalAddress } = content.procedures['return-card'].details;
      const lines: Phrase[] = [phrase(chosen.key)];
      if (result.outcome === 'surrender-at-port') {
        lines.push(
          phrase('return-card:summary.atPortOn', { date: result.due }),
          countdownLine(result),
          whereLine(chosen.where),
        );
      } else {
        lines.push(
          phrase('return-card:summary.countedFromEvent', { date: context.event ?? today }),
          ...deadlineLines(result, 'return-card:summary.dueBy'),
          phrase('return-card:summary.atCounter', { place: phrase('glossary:place.regional-bureau') }),
          phrase('return-card:summary.byPost', {
            recipient: phrase(postalAddress.recipientKey),
            address: postalAddress.address,
            marking: postalAddress.envelopeMarking,
          }),
        );
      }
      return [
        summaryCard(
          phrase(
            result.outcome === 'surrender-at-port'
              ? 'return-card:summary.titleAtPort'
              : 'return-card:summary.title',
          ),
          lines,
          officialLinks(content, 'return-card'),
        ),
        documentsChecklist(content, 'return-card'),
      ];
    },
  },
});
