/**
 * Preferential treatment for highly skilled professionals (guidebook 2-6 "key point",
 * CONTENT-NOTES "Highly skilled professionals"): the points system (70 points) and its benefits,
 * and J-Skip, a separate route with fixed criteria per kind of work.
 *
 * Asks the kind of work among content's J-Skip tracks, then whether the person meets that
 * track's criteria (shown from content): a personal "J-Skip may apply" or the points system.
 * The bureau decides; the answer never promises the status.
 */
import { assign, setup } from 'xstate';
import type { Content } from '../content/index.ts';
import {
  answeredYes,
  answeredYesOrNo,
  bulletLines,
  chosen,
  officialLinks,
  statementLines,
  summaryCard,
} from './answers.ts';
import {
  ask,
  askYesNo,
  type DialogEvent,
  defineDialog,
  type IsoDate,
  linkButton,
  type Phrase,
  phrase,
  say,
} from './kit.ts';

export interface HighlySkilledContext {
  /** A J-Skip track id, or `other` work. */
  track?: string;
  meetsJSkip?: boolean;
}

const OTHER = 'other';

function jSkipTrack(content: Content, id: string | undefined) {
  return content.procedures['highly-skilled'].details.jSkip.tracks.find((track) => track.id === id);
}

export const highlySkilledDialog = defineDialog<HighlySkilledContext>({
  id: 'highly-skilled',
  version: 1,
  createMachine: (content) =>
    setup({
      types: {
        context: {} as HighlySkilledContext,
        events: {} as DialogEvent,
        input: {} as { today: IsoDate },
      },
      guards: {
        isOther: ({ event }) => chosen(event) === OTHER,
        isTrack: ({ event }) => jSkipTrack(content, chosen(event)) !== undefined,
        isYesOrNo: ({ event }) => answeredYesOrNo(event),
      },
    }).createMachine({
      id: 'highly-skilled',
      context: {},
      initial: 'askTrack',
      states: {
        askTrack: {
          on: {
            CHOICE: [
              { guard: 'isOther', target: 'done', actions: assign({ track: OTHER }) },
              {
                guard: 'isTrack',
                target: 'askMeetsCriteria',
                actions: assign({ track: ({ event }) => chosen(event) }),
              },
            ],
          },
        },
        askMeetsCriteria: {
          on: {
            CHOICE: {
              guard: 'isYesOrNo',
              target: 'done',
              actions: assign({ meetsJSkip: ({ event }) => answeredYes(event) }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  views: {
    askTrack: (_context, { content }) => [
      ask(phrase('highly-skilled:askTrack'), [
        ...content.procedures['highly-skilled'].details.jSkip.tracks.map(
          (track) => [track.id, `highly-skilled:track.${track.id}`] as const,
        ),
        [OTHER, 'highly-skilled:track.other'],
      ]),
    ],
    askMeetsCriteria: (context, { content }) => {
      const track = jSkipTrack(content, context.track);
      return [
        say('highly-skilled:criteriaIntro'),
        ...(track ? [say(track.key)] : []),
        askYesNo(phrase('highly-skilled:askMeetsCriteria')),
      ];
    },
    done: (context, { content }) => {
      const procedure = content.procedures['highly-skilled'];
      const { details } = procedure;
      const factLines = (id: string) => statementLines(procedure.facts.filter((fact) => fact.id === id));
      return [
        summaryCard(
          phrase(procedure.nameKey),
          [
            ...statementLines(procedure.appliesTo),
            ...verdictLines(context, content),
            ...factLines('points-system'),
            ...bulletLines(
              phrase('highly-skilled:summary.benefits', { points: details.pointsThreshold }),
              statementLines(details.benefits),
            ),
            ...factLines('j-skip'),
            ...bulletLines(
              phrase('highly-skilled:summary.jSkipCriteria'),
              details.jSkip.tracks.map((track) => phrase(track.key)),
            ),
            phrase('highly-skilled:summary.where'),
          ],
          [
            ...officialLinks(content, 'highly-skilled'),
            linkButton('highly-skilled:summary.jSkipLink', details.jSkip.link.url),
          ],
        ),
      ];
    },
  },
});

/** The personal part: J-Skip may apply, or not, for the kind of work chosen. */
function verdictLines(context: HighlySkilledContext, content: Content): Phrase[] {
  const track = jSkipTrack(content, context.track);
  if (!track) return [];
  return context.meetsJSkip
    ? [phrase('highly-skilled:summary.jSkipMayApply')]
    : [phrase('highly-skilled:summary.jSkipNotMet')];
}
