/**
 * Notifications to the regional bureau when what a status depends on changes (guidebook 2-6).
 *
 * The seed's three tables (content: `notify-change.details.tables`) each list statuses and the
 * changes to notify. Asks what the person's status depends on (which table), the status itself
 * (some apply only in one case), which change happened and when; the 14 days come from the
 * deadline engine's `notify-change` rule. Ends with the ways to notify: counter, post, online.
 */
import { assign, setup } from 'xstate';
import type { Content } from '../content/index.ts';
import { computeDeadline } from '../src/deadlines/index.ts';
import {
  answeredDate,
  bulletLines,
  chosen,
  deadlineLines,
  statementLines,
  statusKey,
  summaryCard,
} from './answers.ts';
import {
  ask,
  askDate,
  type DialogEvent,
  defineDialog,
  type IsoDate,
  linkButton,
  type Phrase,
  phrase,
} from './kit.ts';

export interface NotifyChangeContext {
  /** A table id, or `none` when the person's status is in none of them. */
  table?: string;
  status?: string;
  /** The id of the table's item (what changed). */
  change?: string;
  changed?: IsoDate;
}

const NONE = 'none';

type Procedure = Content['procedures']['notify-change'];
type Table = Procedure['details']['tables'][number];

function tables(content: Content): readonly Table[] {
  return content.procedures['notify-change'].details.tables;
}

function tableOf(content: Content, id: string | undefined): Table | undefined {
  return tables(content).find((table) => table.id === id);
}

function notifyChangeDeadlineFor(context: NotifyChangeContext, today: IsoDate) {
  return computeDeadline('notify-change', { changed: context.changed ?? today }, today);
}

export const notifyChangeDialog = defineDialog<NotifyChangeContext>({
  id: 'notify-change',
  version: 1,
  createMachine: (content) =>
    setup({
      types: {
        context: {} as NotifyChangeContext,
        events: {} as DialogEvent,
        input: {} as { today: IsoDate },
      },
      guards: {
        isNone: ({ event }) => chosen(event) === NONE,
        isTable: ({ event }) => tableOf(content, chosen(event)) !== undefined,
        isStatusOfTable: ({ context, event }) =>
          tableOf(content, context.table)?.statuses.some(({ status }) => status === chosen(event)) ?? false,
        isItemOfTable: ({ context, event }) =>
          tableOf(content, context.table)?.items.some((item) => item.id === chosen(event)) ?? false,
      },
    }).createMachine({
      id: 'notify-change',
      context: {},
      initial: 'askTable',
      states: {
        askTable: {
          on: {
            CHOICE: [
              { guard: 'isNone', target: 'done', actions: assign({ table: NONE }) },
              {
                guard: 'isTable',
                target: 'askStatus',
                actions: assign({ table: ({ event }) => chosen(event) }),
              },
            ],
          },
        },
        askStatus: {
          on: {
            CHOICE: {
              guard: 'isStatusOfTable',
              target: 'askChange',
              actions: assign({ status: ({ event }) => chosen(event) }),
            },
          },
        },
        askChange: {
          on: {
            CHOICE: {
              guard: 'isItemOfTable',
              target: 'askChanged',
              actions: assign({ change: ({ event }) => chosen(event) }),
            },
          },
        },
        askChanged: {
          // A change may already have happened or be planned (e.g. the last day at a school).
          on: { DATE: { target: 'done', actions: assign({ changed: ({ event }) => answeredDate(event) }) } },
        },
        done: { type: 'final' },
      },
    }),
  deadlines: (context, { today }) => [
    {
      id: 'notify-by',
      what: 'reminders:what.notifyChange',
      due: notifyChangeDeadlineFor(context, today).due,
      schedule: 'notification',
    },
  ],
  views: {
    askTable: (_context, { content }) => [
      ask(phrase('notify-change:askTable'), [
        ...tables(content).map((table) => [table.id, `notify-change:table.${table.id}`] as const),
        [NONE, 'notify-change:table.none'],
      ]),
    ],
    askStatus: (context, { content }) => [
      ask(
        phrase('notify-change:askStatus'),
        (tableOf(content, context.table)?.statuses ?? []).map(
          ({ status }) => [status, statusKey(content, status)] as const,
        ),
      ),
    ],
    askChange: (context, { content }) => [
      ask(
        phrase('notify-change:askChange'),
        (tableOf(content, context.table)?.items ?? []).map((item) => [item.id, item.key] as const),
      ),
    ],
    askChanged: () => [askDate(phrase('notify-change:askChanged'))],
    done: (context, { content, today }) => {
      const procedure = content.procedures['notify-change'];
      const table = tableOf(content, context.table);
      if (!table) return [noNotificationCard(content)];
      const entry = table.statuses.find(({ status }) => status === context.status);
      const item = table.items.find((candidate) => candidate.id === context.change);
      const deadline = notifyChangeDeadlineFor(context, today);
      const online = procedure.details.ways.find((way) => way.place === 'online')?.link;
      return [
        summaryCard(
          phrase(table.nameKey),
          [
            phrase('notify-change:summary.yourStatus', {
              status: phrase(statusKey(content, context.status ?? '')),
            }),
            ...(entry?.onlyWhenKey
              ? [phrase('notify-change:summary.onlyWhen', { condition: phrase(entry.onlyWhenKey) })]
              : []),
            ...(item ? [phrase('notify-change:summary.whatToNotify', { change: phrase(item.key) })] : []),
            ...statementLines(procedure.facts),
            ...deadlineLines(deadline, 'notify-change:summary.notifyBy'),
            ...waysLines(procedure),
          ],
          [
            { kind: 'link', label: phrase('common:summary.officialPage'), url: table.link.url },
            ...(online ? [linkButton('notify-change:summary.onlineLink', online.url)] : []),
          ],
        ),
      ];
    },
  },
});

/** "You can notify in any of these ways", then each way (guidebook 2-6: counter, post, online). */
function waysLines(procedure: Procedure): Phrase[] {
  return bulletLines(
    phrase('notify-change:summary.ways'),
    procedure.details.ways.map((way) => phrase(`glossary:place.${way.place}`)),
  );
}

/** The person's status is in none of the tables: none of these notifications applies. */
function noNotificationCard(content: Content) {
  const procedure = content.procedures['notify-change'];
  return summaryCard(
    phrase(procedure.nameKey),
    [...statementLines(procedure.appliesTo), phrase('notify-change:summary.noneApplies')],
    tables(content).map((table) => ({
      kind: 'link' as const,
      label: phrase(table.nameKey),
      url: table.link.url,
    })),
  );
}
