/**
 * Handing the user to a person: the right help lines for the topic and the user's prefecture, each
 * with its numbers as call buttons (the domestic line and the one for IP phones or callers abroad),
 * whether it is open now, the languages it offers, and the user's case summarised in their
 * language and in Japanese. Optionally notifies an operator desk (`operator-webhook.ts`).
 */
import {
  bureauForPrefecture,
  type Content,
  type HelpCenter,
  type Office,
  type Phone,
  telUri,
} from '../../content/index.ts';
import { isPrefectureId } from '../../content/prefectures.ts';
import type { HandoffRequest } from '../engine/engine.ts';
import type { Translator } from '../i18n/index.ts';
import { type Button, type DialogMessage, type Phrase, phrase } from '../messages.ts';
import { caseLines, caseSummaryCards } from './case-summary.ts';
import { openingStatus } from './opening-hours.ts';
import type { OperatorWebhook } from './operator-webhook.ts';

/** Topics that call for consultation rather than procedural information. */
const CONSULTATION_TOPICS: ReadonlySet<string> = new Set(['refugee', 'deportation']);

const DAY_MS = 86_400_000;

export function callButtons(phones: readonly Phone[]): Button<Phrase>[] {
  return phones.map((phone) => ({
    kind: 'call',
    label: phrase('common:handoff.call', { purpose: phrase(phone.purposeKey), number: phone.display }),
    tel: telUri(phone),
  }));
}

function openingLine(center: HelpCenter, now: Date): Phrase[] {
  if (!center.hours) return [];
  const status = openingStatus(center.hours, now);
  if (status.open) return [phrase('common:handoff.openNow', { closes: status.closes })];
  if (status.today) return [phrase('common:handoff.opensToday', { opens: status.opens })];
  const soon = new Date(`${status.on}T12:00:00+09:00`).getTime() - now.getTime() < 6 * DAY_MS;
  return [
    phrase(soon ? 'common:handoff.opensOnWeekday' : 'common:handoff.opensOnDate', {
      on: status.on,
      opens: status.opens,
    }),
  ];
}

/** A help line's card; with `now`, whether it is open at that moment (dialogs, being pure, omit it). */
export function helpCenterCard(center: HelpCenter, purposeKey: string, now?: Date): DialogMessage {
  const lines: Phrase[] = [phrase(purposeKey), ...(now ? openingLine(center, now) : [])];
  if (center.hours) {
    lines.push(
      phrase('common:handoff.hours', {
        opens: center.hours.weekdays.opens,
        closes: center.hours.weekdays.closes,
      }),
    );
  }
  if (center.languages) {
    lines.push(
      phrase('common:handoff.languages', {
        languages: center.languages.codes.map((code) => phrase(`glossary:language.${code}`)),
        asOf: center.languages.source.asOf ?? '',
      }),
    );
  }
  return { kind: 'card', title: phrase(center.nameKey), lines, buttons: callButtons(center.phones) };
}

function officeCard(office: Office): DialogMessage {
  return {
    kind: 'card',
    title: phrase(office.nameKey),
    lines: [
      phrase('common:handoff.bureauFor'),
      phrase('common:handoff.address', { address: office.address }),
    ],
    buttons: callButtons(office.phones),
  };
}

export interface HandoffOptions {
  webhook?: OperatorWebhook;
  /** Renders the summary for the operator webhook. */
  translator?: Translator;
}

export function createHandoff(content: Content, options: HandoffOptions = {}) {
  const center = (id: string) => {
    const found = content.directory.helpCenters.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`createHandoff(): content has no help center "${id}"`);
    return found;
  };
  const information = center('information-center');
  const support = center('fresc');

  return (request: HandoffRequest): DialogMessage[] => {
    const topic = request.case?.procedure;
    const consultation =
      request.reason === 'minor' || (topic !== undefined && CONSULTATION_TOPICS.has(topic));
    const informationCard = helpCenterCard(information, 'common:handoff.informationCenterFor', request.now);
    const supportCard = helpCenterCard(support, 'common:handoff.supportCenterFor', request.now);
    const messages: DialogMessage[] = [
      { kind: 'text', text: phrase(`common:handoff.intro.${request.reason}`) },
    ];
    if (request.case && (request.case.steps.length > 0 || request.case.done)) {
      messages.push(...caseSummaryCards(request.case, request.language));
    }
    messages.push(...(consultation ? [supportCard, informationCard] : [informationCard, supportCard]));
    const prefecture = (request.case?.context as { prefecture?: unknown } | undefined)?.prefecture;
    if (typeof prefecture === 'string' && isPrefectureId(prefecture)) {
      const { bureau, districtOffice } = bureauForPrefecture(content, prefecture);
      messages.push(officeCard(districtOffice ?? bureau));
    }
    if (options.webhook && options.translator) {
      const lines = request.case ? caseLines(request.case) : [];
      const render = (lng: 'ja' | typeof request.language) =>
        lines.map((line) => options.translator?.render(line, lng) ?? '');
      options.webhook.notify(
        {
          reason: request.reason,
          channel: request.channel,
          conversation: request.conversation,
          language: request.language,
          procedure: topic ?? null,
          summary: { ja: render('ja'), user: render(request.language) },
        },
        request.now,
      );
    }
    return messages;
  };
}
