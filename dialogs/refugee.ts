/**
 * Refugee recognition (guidebook 4): what a refugee is (4-1), applying and what recognition brings
 * (4-2), and the administrative review after a refusal (4-3).
 *
 * Asks what the person needs, then answers from content. The topic needs a person, so every answer
 * says plainly that one is there to talk to (the engine's next steps offer the button).
 */
import { assign, setup } from 'xstate';
import { chosen, officialLinks, summaryCard, talkToPersonLine } from './answers.ts';
import { ask, type DialogEvent, defineDialog, type IsoDate, phrase } from './kit.ts';

export const REFUGEE_NEEDS = ['what', 'apply', 'refused'] as const;
export type RefugeeNeed = (typeof REFUGEE_NEEDS)[number];

export interface RefugeeContext {
  need?: RefugeeNeed;
}

const isNeed = (value: string): value is RefugeeNeed => (REFUGEE_NEEDS as readonly string[]).includes(value);

/** The official page for each need (content links, by topic). */
const LINK_TOPIC: Record<RefugeeNeed, string> = {
  what: 'glossary:link-topic.refugee-application',
  apply: 'glossary:link-topic.refugee-application',
  refused: 'glossary:link-topic.refugee-review',
};

export const refugeeDialog = defineDialog<RefugeeContext>({
  id: 'refugee',
  version: 1,
  // Refugee status and deportation always call for a person (issue: escalation by topic).
  escalate: () => 'topic',
  createMachine: () =>
    setup({
      types: { context: {} as RefugeeContext, events: {} as DialogEvent, input: {} as { today: IsoDate } },
      guards: { isNeed: ({ event }) => event.type === 'CHOICE' && isNeed(event.value) },
    }).createMachine({
      id: 'refugee',
      context: {},
      initial: 'askNeed',
      states: {
        askNeed: {
          on: {
            CHOICE: {
              guard: 'isNeed',
              target: 'done',
              actions: assign({
                need: ({ event }) => (chosen(event) ?? '') as RefugeeNeed,
              }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  views: {
    askNeed: () => [
      ask(
        phrase('refugee:askNeed'),
        REFUGEE_NEEDS.map((need) => [need, `refugee:need.${need}`] as const),
      ),
    ],
    done: (context, { content }) => {
      const need = context.need ?? 'what';
      const { details, facts, appliesTo } = content.procedures.refugee;
      const statements = {
        what: [details.definition, ...facts],
        apply: [...appliesTo, ...details.application],
        refused: details.review,
      }[need];
      return [
        summaryCard(
          phrase(`refugee:summary.title.${need}`),
          [
            ...statements.map((statement) => phrase(statement.key)),
            phrase(`refugee:summary.next.${need}`),
            talkToPersonLine(),
          ],
          officialLinks(content, 'refugee', LINK_TOPIC[need]),
        ),
      ];
    },
  },
});
