/**
 * Find my immigration office (guidebook 6; CONTENT-NOTES "Offices and help lines"): prefecture →
 * the regional bureau covering it, or the district office serving it in the bureau's stead, with
 * the address and both phone lines as call buttons, then the Information Center for questions.
 *
 * 47 prefectures are too many buttons, so the first question offers regions: one per regional
 * bureau, in content order, i.e. the areas the bureaus cover (their names are presentation, in the
 * locale files). A prefecture typed by name is accepted at either question (`typedChoices`).
 */
import { assign, setup } from 'xstate';
import { bureauForPrefecture, type Content, type Office } from '../content/index.ts';
import { isPrefectureId, PREFECTURES, type PrefectureId } from '../content/prefectures.ts';
import { callButtons, helpCenterCard } from '../src/escalation/handoff.ts';
import { chosen, summaryCard } from './answers.ts';
import {
  type DialogEvent,
  type DialogMessage,
  defineDialog,
  type IsoDate,
  type Phrase,
  phrase,
} from './kit.ts';

export interface FindOfficeContext {
  /** The region chosen, named by the regional bureau that covers it. */
  region?: string;
  prefecture?: PrefectureId;
}

const prefectureName = (prefecture: PrefectureId) => phrase(`glossary:prefecture.${prefecture}`);

/** Every prefecture, accepted when typed by name, whichever buttons are shown. */
const ANY_PREFECTURE = PREFECTURES.map((prefecture) => ({
  payload: prefecture,
  label: prefectureName(prefecture),
}));

function regionOf(content: Content, bureau: string | undefined) {
  return content.directory.jurisdictions.find((jurisdiction) => jurisdiction.bureau === bureau);
}

function question(prompt: Phrase, choices: Array<{ payload: string; label: Phrase }>): DialogMessage {
  return { kind: 'choices', prompt, choices, typedChoices: ANY_PREFECTURE };
}

function officeCard(office: Office): DialogMessage {
  return {
    kind: 'card',
    title: phrase(office.nameKey),
    lines: [phrase('find-office:address', { address: office.address })],
    buttons: callButtons(office.phones),
  };
}

export const findOfficeDialog = defineDialog<FindOfficeContext>({
  id: 'find-office',
  version: 1,
  createMachine: (content) =>
    setup({
      types: { context: {} as FindOfficeContext, events: {} as DialogEvent, input: {} as { today: IsoDate } },
      guards: {
        isPrefecture: ({ event }) => isPrefectureId(chosen(event) ?? ''),
        // A region of one prefecture (Hokkaido) needs no second question.
        isOnePrefectureRegion: ({ event }) =>
          regionOf(content, chosen(event) ?? '')?.prefectures.length === 1,
        isRegion: ({ event }) => regionOf(content, chosen(event) ?? '') !== undefined,
      },
    }).createMachine({
      id: 'find-office',
      context: {},
      initial: 'askRegion',
      states: {
        askRegion: {
          on: {
            CHOICE: [
              {
                guard: 'isPrefecture',
                target: 'done',
                actions: assign({ prefecture: ({ event }) => (chosen(event) ?? '') as PrefectureId }),
              },
              {
                guard: 'isOnePrefectureRegion',
                target: 'done',
                actions: assign({
                  region: ({ event }) => chosen(event) ?? '',
                  prefecture: ({ event }) => regionOf(content, chosen(event) ?? '')?.prefectures[0],
                }),
              },
              {
                guard: 'isRegion',
                target: 'askPrefecture',
                actions: assign({ region: ({ event }) => chosen(event) ?? '' }),
              },
            ],
          },
        },
        askPrefecture: {
          on: {
            CHOICE: {
              guard: 'isPrefecture',
              target: 'done',
              actions: assign({ prefecture: ({ event }) => (chosen(event) ?? '') as PrefectureId }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  views: {
    askRegion: (_context, { content }) => [
      question(
        phrase('find-office:askRegion'),
        content.directory.jurisdictions.map(({ bureau }) => ({
          payload: bureau,
          label: phrase(`find-office:region.${bureau}`),
        })),
      ),
    ],
    askPrefecture: (context, { content }) => [
      question(
        phrase('find-office:askPrefecture'),
        (regionOf(content, context.region)?.prefectures ?? []).map((prefecture) => ({
          payload: prefecture,
          label: prefectureName(prefecture),
        })),
      ),
    ],
    done: (context, { content }) => {
      const prefecture = context.prefecture ?? 'tokyo';
      const { bureau, districtOffice } = bureauForPrefecture(content, prefecture);
      const yours = districtOffice ?? bureau;
      const informationCenter = content.directory.helpCenters.find(
        (center) => center.id === 'information-center',
      );
      return [
        summaryCard(
          phrase('find-office:summary.title', { prefecture: prefectureName(prefecture) }),
          [
            districtOffice
              ? phrase('find-office:summary.districtOffice', {
                  prefecture: prefectureName(prefecture),
                  office: phrase(districtOffice.nameKey),
                  bureau: phrase(bureau.nameKey),
                })
              : phrase('find-office:summary.bureau', {
                  prefecture: prefectureName(prefecture),
                  bureau: phrase(bureau.nameKey),
                }),
            phrase('find-office:address', { address: yours.address }),
            // Navi Dial (0570) numbers cannot be reached from IP phones or from abroad (seed 6).
            ...(yours.phones.some((phone) => phone.reach === 'ip-phone-or-abroad')
              ? [phrase('find-office:summary.callFromAbroad')]
              : []),
          ],
          callButtons(yours.phones),
        ),
        ...(districtOffice ? [officeCard(bureau)] : []),
        ...(informationCenter
          ? [helpCenterCard(informationCenter, 'common:handoff.informationCenterFor')]
          : []),
      ];
    },
  },
});
