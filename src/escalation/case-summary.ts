/**
 * The handoff summary: what the user was doing, the answers they gave, the deadline and the
 * documents — as a card in the user's language and, for the counsellor, in Japanese. It holds
 * nothing the user did not tell the bot.
 */
import type { CaseRecord } from '../engine/engine.ts';
import type { LanguageCode } from '../i18n/languages.ts';
import { type DialogMessage, type Phrase, phrase } from '../messages.ts';

/** The case as lines of phrases, in the user's words and the dialog's own results. */
export function caseLines(record: CaseRecord): Phrase[] {
  const lines = record.steps.map((step) =>
    phrase('common:handoff.step', { question: step.question, answer: step.answer }),
  );
  for (const message of record.outcome) {
    if (message.kind === 'card') lines.push(...message.lines);
    if (message.kind === 'checklist') {
      lines.push(...message.items.map((item) => phrase('common:handoff.document', { name: item })));
    }
  }
  return lines;
}

function pinned(p: Phrase, lng: string): Phrase {
  return { ...p, lng };
}

/** The summary card(s): in the user's language, and in Japanese for the counsellor. */
export function caseSummaryCards(record: CaseRecord, language: LanguageCode): DialogMessage[] {
  const title = phrase('common:handoff.summaryTitle', {
    procedure: phrase(`common:intent.${record.procedure}`),
  });
  const lines = caseLines(record);
  const cards: DialogMessage[] = [{ kind: 'card', title, lines, buttons: [] }];
  if (language !== 'ja') {
    cards.push({
      kind: 'card',
      title: pinned(
        phrase('common:handoff.summaryTitleForCounsellor', {
          procedure: phrase(`common:intent.${record.procedure}`),
        }),
        'ja',
      ),
      lines: lines.map((line) => pinned(line, 'ja')),
      buttons: [],
    });
  }
  return cards;
}
