/** A small dialog used to test the engine on its own: a choice, a date, a summary. */
import { assign, setup } from 'xstate';
import { ask, askDate, type DialogEvent, defineDialog, say } from '../../dialogs/kit.ts';

interface Context {
  kind?: string;
  date?: string;
}

export const fixtureResources = {
  en: {
    fixture: {
      askKind: 'Which kind?',
      kindA: 'Kind A',
      kindB: 'Kind B',
      kindBoom: 'Break',
      askDate: 'Which day?',
      done: 'Done: {{kind}} on {{date, date}}',
    },
  },
  fr: {
    fixture: {
      askKind: 'Quel type ?',
      kindA: 'Type A',
      kindB: 'Type B',
      kindBoom: 'Casser',
      askDate: 'Quel jour ?',
      done: 'Fini : {{kind}} le {{date, date}}',
    },
  },
};

export const fixtureDialog = defineDialog<Context>({
  id: 'move-in',
  version: 1,
  createMachine: () =>
    setup({
      types: { context: {} as Context, events: {} as DialogEvent, input: {} as { today: string } },
      guards: {
        isKind: ({ event }) => event.type === 'CHOICE' && ['a', 'b', 'boom'].includes(event.value),
        notFuture: ({ event }) => event.type === 'DATE' && event.date <= event.today,
      },
    }).createMachine({
      id: 'fixture',
      context: {},
      initial: 'askKind',
      states: {
        askKind: {
          on: {
            CHOICE: {
              guard: 'isKind',
              target: 'askDate',
              actions: assign({ kind: ({ event }) => (event.type === 'CHOICE' ? event.value : undefined) }),
            },
          },
        },
        askDate: {
          on: {
            DATE: {
              guard: 'notFuture',
              target: 'done',
              actions: assign({ date: ({ event }) => (event.type === 'DATE' ? event.date : undefined) }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  views: {
    askKind: () => [
      ask({ key: 'fixture:askKind' }, [
        ['a', 'fixture:kindA'],
        ['b', 'fixture:kindB'],
        ['boom', 'fixture:kindBoom'],
      ]),
    ],
    askDate: (context, env) => {
      if (context.kind === 'boom') throw new Error('fixture dialog: deliberate failure');
      return [askDate({ key: 'fixture:askDate' }, { max: env.today })];
    },
    done: (context) => [say('fixture:done', { kind: context.kind ?? '', date: context.date ?? '' })],
  },
});
