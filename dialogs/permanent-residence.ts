/**
 * Permission for permanent residence (guidebook 2-3): who it is for, what it gives, the documents
 * and the official page.
 *
 * The only personal question is whether the applicant is under 16: the photo is then not needed
 * (guidebook 2-3, CONTENT-NOTES "Residence card").
 */
import { assign, setup } from 'xstate';
import {
  answeredYes,
  answeredYesOrNo,
  documentsChecklist,
  officialLinks,
  statementLines,
  summaryCard,
} from './answers.ts';
import { askYesNo, type DialogEvent, defineDialog, type IsoDate, phrase, say } from './kit.ts';

export interface PermanentResidenceContext {
  under16?: boolean;
}

export const permanentResidenceDialog = defineDialog<PermanentResidenceContext>({
  id: 'permanent-residence',
  version: 1,
  createMachine: () =>
    setup({
      types: {
        context: {} as PermanentResidenceContext,
        events: {} as DialogEvent,
        input: {} as { today: IsoDate },
      },
      guards: { isYesOrNo: ({ event }) => answeredYesOrNo(event) },
    }).createMachine({
      id: 'permanent-residence',
      context: {},
      initial: 'askUnder16',
      states: {
        askUnder16: {
          on: {
            CHOICE: {
              guard: 'isYesOrNo',
              target: 'done',
              actions: assign({ under16: ({ event }) => answeredYes(event) }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  views: {
    askUnder16: () => [askYesNo(phrase('permanent-residence:askUnder16'))],
    done: (context, { content }) => {
      const procedure = content.procedures['permanent-residence'];
      return [
        summaryCard(
          phrase(procedure.nameKey),
          [
            ...statementLines(procedure.appliesTo),
            phrase('permanent-residence:summary.whatItGives'),
            ...statementLines(procedure.facts),
            phrase('permanent-residence:summary.where'),
          ],
          officialLinks(content, 'permanent-residence'),
        ),
        documentsChecklist(content, 'permanent-residence', {
          age: context.under16 ? 'under-16' : '16-or-over',
        }),
        ...(context.under16 ? [say('permanent-residence:summary.noPhotoUnder16')] : []),
      ];
    },
  },
});
