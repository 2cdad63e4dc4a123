/**
 * Where and when the residence card comes (guidebook 1-1, with CONTENT-NOTES error 4: the
 * acquisition case is item v).
 *
 * One question: which of the five issuance cases of content applies. The answer is that case's
 * outcome (at one of the seven airports, by post after the move-in notification, or a new card
 * when an application is granted), where the related procedure is done, and a button to it.
 */
import { assign, setup } from 'xstate';
import type { Content, ProcedureId } from '../content/index.ts';
import type { Button, Phrase } from '../src/messages.ts';
import { chosen, summaryCard, whereLine } from './answers.ts';
import { ask, type DialogEvent, defineDialog, type IsoDate, phrase } from './kit.ts';

export interface CardIssuanceContext {
  /** The id of a case in `content.procedures['card-issuance'].details.cases`. */
  issuanceCase?: string;
}

function issuanceCases(content: Content) {
  return content.procedures['card-issuance'].details.cases;
}

function relatedProcedure(content: Content, id: string | undefined): ProcedureId | undefined {
  return id && id in content.procedures ? (id as ProcedureId) : undefined;
}

export const cardIssuanceDialog = defineDialog<CardIssuanceContext>({
  id: 'card-issuance',
  version: 1,
  createMachine: (content) =>
    setup({
      types: {
        context: {} as CardIssuanceContext,
        events: {} as DialogEvent,
        input: {} as { today: IsoDate },
      },
      guards: {
        isCase: ({ event }) =>
          event.type === 'CHOICE' && issuanceCases(content).some((c) => c.id === event.value),
      },
    }).createMachine({
      id: 'card-issuance',
      context: {},
      initial: 'askCase',
      states: {
        askCase: {
          on: {
            CHOICE: {
              guard: 'isCase',
              target: 'done',
              actions: assign({
                issuanceCase: ({ event }) => chosen(event),
              }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  views: {
    askCase: (_context, { content }) => [
      ask(
        phrase('card-issuance:askCase'),
        issuanceCases(content).map((c) => [c.id, c.whenKey] as const),
      ),
    ],
    done: (context, { content }) => {
      const chosen = issuanceCases(content).find((c) => c.id === context.issuanceCase);
      if (!chosen) throw new Error(`card-issuance: unknown case ${context.issuanceCase}`);
      const related = relatedProcedure(content, chosen.relatedProcedure);
      const lines: Phrase[] = [phrase(chosen.whenKey), phrase(chosen.outcomeKey)];
      const buttons: Button<Phrase>[] = [];
      if (related) {
        lines.push(whereLine(content.procedures[related].where));
        buttons.push({
          kind: 'postback',
          label: phrase(`common:intent.${related}`),
          payload: `go:${related}`,
        });
      }
      return [summaryCard(phrase('card-issuance:summary.title'), lines, buttons)];
    },
  },
});
