/**
 * Deportation, the departure order and special permission to stay (guidebook 5; CONTENT-NOTES
 * "Deportation and departure order": the two routes of the first condition since 10 June 2024, and
 * the re-entry bans).
 *
 * Asks why the person is here. Someone who overstayed is walked through the departure-order
 * conditions one by one (yes/no, stopping at the first that fails, since all must hold); the answer
 * says the order MAY apply, never that it will, and always sends them to a person.
 */
import { and, assign, setup } from 'xstate';
import type { Content } from '../content/index.ts';
import { chosen, officialLinks, summaryCard, talkToPersonLine } from './answers.ts';
import {
  ask,
  askYesNo,
  type DialogEvent,
  type DialogMessage,
  defineDialog,
  type IsoDate,
  type Phrase,
  phrase,
  say,
} from './kit.ts';

export const SITUATIONS = ['overstayed', 'detained', 'rules'] as const;
export type Situation = (typeof SITUATIONS)[number];

export interface DeportationContext {
  situation?: Situation;
  /** How many departure-order conditions, in content order, the person said hold. */
  met?: number;
  /** The first condition that does not hold (its content id). */
  unmet?: string;
}

const isSituation = (value: string): value is Situation => (SITUATIONS as readonly string[]).includes(value);

function departureOrder(content: Content) {
  return content.procedures.deportation.details.departureOrder;
}

function checklist(titleKey: string, items: Phrase[]): DialogMessage {
  return { kind: 'checklist', title: phrase(titleKey), items };
}

/** Every condition, each followed by the ways it can be met. */
function conditionsChecklist(content: Content): DialogMessage {
  return checklist(
    'deportation:conditionsTitle',
    departureOrder(content).conditions.flatMap((condition) => [
      phrase(condition.key),
      ...condition.routes.map((route) => phrase('deportation:route', { route: phrase(route.key) })),
    ]),
  );
}

function groundsChecklist(content: Content): DialogMessage {
  return checklist(
    'deportation:groundsTitle',
    content.procedures.deportation.details.grounds.map((ground) => phrase(ground.key)),
  );
}

function bansChecklist(content: Content): DialogMessage {
  return checklist(
    'deportation:bansTitle',
    content.procedures.deportation.details.reentryBans.map((ban) => phrase(ban.key)),
  );
}

/** The personal lines of the summary, by situation and answers. */
function summaryLines(context: DeportationContext, content: Content): { title: string; lines: Phrase[] } {
  const { details, appliesTo } = content.procedures.deportation;
  const order = departureOrder(content);
  const specialPermission = details.specialPermission.map((statement) => phrase(statement.key));
  const situation = context.situation ?? 'rules';
  if (situation === 'overstayed' && context.unmet === undefined) {
    const ban = details.reentryBans.find((candidate) => candidate.id === 'after-departure-order');
    return {
      title: 'deportation:summary.title.mayApply',
      lines: [
        phrase('deportation:summary.mayApply'),
        ...order.facts.map((statement) => phrase(statement.key)),
        ...(ban ? [phrase(ban.key)] : []),
      ],
    };
  }
  if (situation === 'overstayed') {
    const unmet = order.conditions.find((condition) => condition.id === context.unmet);
    return {
      title: 'deportation:summary.title.mayNotApply',
      lines: [
        phrase('deportation:summary.mayNotApply', { condition: phrase(unmet?.key ?? '') }),
        ...specialPermission,
      ],
    };
  }
  if (situation === 'detained') {
    return {
      title: 'deportation:summary.title.detained',
      lines: [phrase('deportation:summary.detained'), ...specialPermission],
    };
  }
  return {
    title: 'deportation:summary.title.rules',
    lines: [
      ...appliesTo.map((statement) => phrase(statement.key)),
      ...order.facts.map((statement) => phrase(statement.key)),
      ...specialPermission,
    ],
  };
}

export const deportationDialog = defineDialog<DeportationContext>({
  id: 'deportation',
  version: 1,
  // Refugee status and deportation always call for a person (issue: escalation by topic).
  escalate: () => 'topic',
  createMachine: (content) => {
    const conditions = departureOrder(content).conditions;
    return setup({
      types: {
        context: {} as DeportationContext,
        events: {} as DialogEvent,
        input: {} as { today: IsoDate },
      },
      guards: {
        isOverstayed: ({ event }) => chosen(event) === 'overstayed',
        isSituation: ({ event }) => isSituation(chosen(event) ?? ''),
        isYes: ({ event }) => chosen(event) === 'yes',
        isNo: ({ event }) => chosen(event) === 'no',
        isLastCondition: ({ context }) => (context.met ?? 0) + 1 >= conditions.length,
      },
    }).createMachine({
      id: 'deportation',
      context: {},
      initial: 'askSituation',
      states: {
        askSituation: {
          on: {
            CHOICE: [
              {
                guard: 'isOverstayed',
                target: 'askCondition',
                actions: assign({ situation: 'overstayed', met: 0 }),
              },
              {
                guard: 'isSituation',
                target: 'done',
                actions: assign({ situation: ({ event }) => chosen(event) as Situation }),
              },
            ],
          },
        },
        // One state for every condition: `met` says which one is being asked.
        askCondition: {
          on: {
            CHOICE: [
              {
                guard: and(['isYes', 'isLastCondition']),
                target: 'done',
                actions: assign({ met: ({ context }) => (context.met ?? 0) + 1 }),
              },
              {
                guard: 'isYes',
                target: 'askCondition',
                reenter: true,
                actions: assign({ met: ({ context }) => (context.met ?? 0) + 1 }),
              },
              {
                guard: 'isNo',
                target: 'done',
                actions: assign({ unmet: ({ context }) => conditions[context.met ?? 0]?.id }),
              },
            ],
          },
        },
        done: { type: 'final' },
      },
    });
  },
  views: {
    askSituation: () => [
      ask(
        phrase('deportation:askSituation'),
        SITUATIONS.map((situation) => [situation, `deportation:situation.${situation}`] as const),
      ),
    ],
    askCondition: (context, { content }) => {
      const order = departureOrder(content);
      const index = context.met ?? 0;
      const condition = order.conditions[index];
      if (!condition) throw new Error(`deportation: no departure-order condition #${index + 1}`);
      return [
        ...(index === 0 ? order.facts.map((statement) => say(statement.key)) : []),
        say('deportation:condition', {
          number: index + 1,
          total: order.conditions.length,
          condition: phrase(condition.key),
        }),
        ...condition.routes.map((route) => say('deportation:route', { route: phrase(route.key) })),
        askYesNo(phrase('deportation:askCondition')),
      ];
    },
    done: (context, { content }) => {
      const { title, lines } = summaryLines(context, content);
      const overstayed = context.situation === 'overstayed';
      return [
        summaryCard(phrase(title), [...lines, talkToPersonLine()], officialLinks(content, 'deportation')),
        ...(overstayed ? [] : [groundsChecklist(content)]),
        ...(context.situation === 'detained' ? [] : [conditionsChecklist(content)]),
        bansChecklist(content),
      ];
    },
  },
});
