/**
 * Permission to engage in activities outside one's status (guidebook 2-5), e.g. a student or a
 * dependant who wants to work.
 *
 * Asks the person's status among the examples content gives (Student, Dependent) or "another":
 * those statuses do not allow work, so a job needs this permission first; with another status,
 * only activities outside it do. Working without permission is a ground for deportation (5-1).
 */
import { assign, setup } from 'xstate';
import type { Content } from '../content/index.ts';
import {
  chosen,
  documentsChecklist,
  officialLinks,
  statementLines,
  statusKey,
  summaryCard,
} from './answers.ts';
import { ask, type DialogEvent, defineDialog, type IsoDate, phrase } from './kit.ts';

/** A status id from content's examples, or `other`. */
export interface ExtraActivityContext {
  situation?: string;
}

const OTHER = 'other';

function exampleStatuses(content: Content): readonly string[] {
  return content.procedures['extra-activity'].details.exampleStatuses;
}

export const extraActivityDialog = defineDialog<ExtraActivityContext>({
  id: 'extra-activity',
  version: 1,
  createMachine: (content) =>
    setup({
      types: {
        context: {} as ExtraActivityContext,
        events: {} as DialogEvent,
        input: {} as { today: IsoDate },
      },
      guards: {
        isSituation: ({ event }) => [...exampleStatuses(content), OTHER].includes(chosen(event) ?? ''),
      },
    }).createMachine({
      id: 'extra-activity',
      context: {},
      initial: 'askSituation',
      states: {
        askSituation: {
          on: {
            CHOICE: {
              guard: 'isSituation',
              target: 'done',
              actions: assign({ situation: ({ event }) => chosen(event) }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  views: {
    askSituation: (_context, { content }) => [
      ask(phrase('extra-activity:askSituation'), [
        ...exampleStatuses(content).map((id) => [id, statusKey(content, id)] as const),
        [OTHER, 'extra-activity:situation.other'],
      ]),
    ],
    done: (context, { content }) => {
      const procedure = content.procedures['extra-activity'];
      const situation = context.situation ?? OTHER;
      const unauthorisedWork = content.procedures.deportation.details.grounds.filter(
        (ground) => ground.id === 'unauthorised-activity',
      );
      const personal =
        situation === OTHER
          ? [
              ...statementLines(
                procedure.appliesTo.filter((fact) => fact.id === 'activities-outside-status'),
              ),
              phrase('extra-activity:summary.unsure'),
            ]
          : [
              phrase('extra-activity:summary.statusDoesNotAllowWork', {
                status: phrase(statusKey(content, situation)),
              }),
            ];
      return [
        summaryCard(
          phrase(procedure.nameKey),
          [
            ...personal,
            phrase('extra-activity:summary.where'),
            ...unauthorisedWork.map((ground) =>
              phrase('extra-activity:summary.withoutPermission', { ground: phrase(ground.key) }),
            ),
          ],
          officialLinks(content, 'extra-activity'),
        ),
        documentsChecklist(content, 'extra-activity'),
      ];
    },
  },
});
