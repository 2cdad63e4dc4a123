/**
 * Where the Immigration Services Agency publishes information (guidebook 7; the guidebook itself
 * from CONTENT-NOTES): its website, social accounts, e-mail service, and the regional bureaus'
 * accounts that show how crowded the counters are. Asks what the person is looking for, then gives
 * those channels from content as link buttons.
 */
import { assign, setup } from 'xstate';
import { chosen, summaryCard } from './answers.ts';
import { ask, type DialogEvent, defineDialog, type IsoDate, linkButton, phrase } from './kit.ts';

/** What the person is looking for → the channels (content ids) that give it. */
export const CHANNELS_BY_TOPIC = {
  guidance: ['website', 'guidebook'],
  news: ['x', 'facebook', 'mail-service'],
  crowding: ['regional-x-accounts'],
} as const satisfies Record<string, readonly string[]>;

export type IsaInfoTopic = keyof typeof CHANNELS_BY_TOPIC;
const TOPICS = Object.keys(CHANNELS_BY_TOPIC) as IsaInfoTopic[];

export interface IsaInfoContext {
  topic?: IsaInfoTopic;
}

const isTopic = (value: string): value is IsaInfoTopic => (TOPICS as string[]).includes(value);

export const isaInfoDialog = defineDialog<IsaInfoContext>({
  id: 'isa-info',
  version: 1,
  createMachine: () =>
    setup({
      types: { context: {} as IsaInfoContext, events: {} as DialogEvent, input: {} as { today: IsoDate } },
      guards: { isTopic: ({ event }) => event.type === 'CHOICE' && isTopic(event.value) },
    }).createMachine({
      id: 'isa-info',
      context: {},
      initial: 'askTopic',
      states: {
        askTopic: {
          on: {
            CHOICE: {
              guard: 'isTopic',
              target: 'done',
              actions: assign({
                topic: ({ event }) => (chosen(event) ?? '') as IsaInfoTopic,
              }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  views: {
    askTopic: () => [
      ask(
        phrase('isa-info:askTopic'),
        TOPICS.map((topic) => [topic, `isa-info:topic.${topic}`] as const),
      ),
    ],
    done: (context, { content }) => {
      const topic = context.topic ?? 'guidance';
      const ids: readonly string[] = CHANNELS_BY_TOPIC[topic];
      const channels = content.directory.channels.filter((channel) => ids.includes(channel.id));
      return [
        summaryCard(
          phrase(`isa-info:summary.title.${topic}`),
          channels.map((channel) =>
            phrase('isa-info:summary.channel', {
              name: phrase(channel.nameKey),
              purpose: phrase(channel.purposeKey),
            }),
          ),
          channels.map((channel) => linkButton(channel.nameKey, channel.url)),
        ),
      ];
    },
  },
});
