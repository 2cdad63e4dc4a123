/**
 * The parts of a personal answer that every procedure shares: the documents checklist, the
 * deadline lines, the official links and the summary card. Facts come from `content/`, dates from
 * the deadline engine; dialogs only choose which apply.
 */
import type { Content, Place, ProcedureId } from '../content/index.ts';
import type { DeadlineResult, FilingDeadline, ValidityEnd } from '../src/deadlines/index.ts';
import type { Button, DialogMessage, IsoDate, Phrase } from '../src/messages.ts';
import { phrase } from '../src/messages.ts';
import type { DialogEvent, HandoffReason } from './kit.ts';

export interface ChecklistOptions {
  /** The applicant is under 16: documents with `notNeededUnderAge: 16` (the photo) are left out. */
  age?: 'under-16' | '16-or-over';
  /** For documents with accepted forms, the one that applies (e.g. `theft-report`). */
  variants?: Readonly<Record<string, string>>;
  /** Only these documents: the person's answers settled which of the conditional ones applies. */
  only?: readonly string[];
}

function procedure(content: Content, id: ProcedureId) {
  return content.procedures[id];
}

/** The documents to bring, as a checklist, with the conditions the person's answers settle applied. */
export function documentsChecklist(
  content: Content,
  id: ProcedureId,
  options: ChecklistOptions = {},
): DialogMessage {
  const items: Phrase[] = [];
  for (const requirement of procedure(content, id).documents) {
    const document = content.documents.find((candidate) => candidate.id === requirement.document);
    if (!document)
      throw new Error(`documentsChecklist(): ${id} needs unknown document ${requirement.document}`);
    if (document.notNeededUnderAge !== undefined && options.age === 'under-16') continue;
    if (options.only && !options.only.includes(document.id)) continue;
    const chosen = options.variants?.[document.id];
    const variant = chosen ? document.variants?.find((candidate) => candidate.id === chosen) : undefined;
    const name = phrase(variant?.key ?? document.key);
    // The glossary name of a document already states its size and age rules (e.g. the photo).
    if (requirement.conditionKey) {
      items.push(
        phrase('common:summary.documentWithCondition', { name, condition: phrase(requirement.conditionKey) }),
      );
    } else {
      items.push(name);
    }
  }
  return { kind: 'checklist', title: phrase('common:summary.documents'), items };
}

/**
 * The official pages of a procedure, as link buttons: its own pages, then its documents' pages
 * (application forms and lists of documents, seed 2-1 and 2-2), labelled with the document's name.
 * With `topicKey`, only the procedure's pages on that topic.
 */
export function officialLinks(content: Content, id: ProcedureId, topicKey?: string): Button<Phrase>[] {
  const { links, documents } = procedure(content, id);
  if (topicKey) return links.filter((link) => link.topicKey === topicKey).map(linkButton);
  const documentLinks = documents.flatMap((requirement) => {
    const name = content.documents.find((candidate) => candidate.id === requirement.document)?.key;
    return requirement.link && name
      ? [{ ...requirement.link, topicKey: requirement.link.topicKey ?? name }]
      : [];
  });
  return [...links, ...documentLinks].map(linkButton);
}

function linkButton(link: { url: string; topicKey?: string | undefined }): Button<Phrase> {
  return {
    kind: 'link',
    label: link.topicKey ? phrase(link.topicKey) : phrase('common:summary.officialPage'),
    url: link.url,
  };
}

/** One of a procedure's facts (`content/procedures/*.ts`), as a phrase; a missing id is a bug. */
export function procedureFact(content: Content, id: ProcedureId, factId: string): Phrase {
  const found = procedure(content, id).facts.find((candidate) => candidate.id === factId);
  if (!found) throw new Error(`procedureFact(): ${id} has no fact ${factId}`);
  return phrase(found.key);
}

/**
 * Extension and change of status (seed 2-1, 2-2; CONTENT-NOTES "Period of stay"): apply by the
 * expiry date, what applying in time allows, and the overstay warning. After expiry, only: contact
 * a person now. `id` names the procedure whose facts are quoted.
 */
export function applyBeforeExpiryLines(
  content: Content,
  id: 'extend-stay' | 'change-status',
  stay: DeadlineResult<'extend-stay'>,
): Phrase[] {
  const overstay = procedureFact(content, id, 'overstay-one-day');
  if (stay.status === 'overdue') {
    return [
      phrase('common:stay.expired', { expiry: stay.applyBy, count: -stay.daysLeft }),
      phrase('common:stay.contactNow'),
      overstay,
    ];
  }
  const lines = [phrase('common:stay.applyBy', { expiry: stay.applyBy }), countdownLine(stay)];
  // A period of stay is not a filing deadline: it is never moved to the next open day.
  if (stay.lastOpenDayToApply !== stay.applyBy) {
    lines.push(
      phrase('common:stay.lastOpenDay', { date: stay.lastOpenDayToApply }),
      procedureFact(content, id, 'expiry-on-closed-day'),
    );
  }
  // Length of stay unknown: the rule itself, since stays of 30 days or less have no special period.
  const lengthUnknown = stay.earlyWindow === 'if-stay-of-6-months-or-more';
  lines.push(
    lengthUnknown
      ? procedureFact(content, id, 'special-period')
      : stay.specialPeriodEnd
        ? phrase('common:stay.specialPeriodUntil', { end: stay.specialPeriodEnd })
        : phrase('common:stay.noSpecialPeriod'),
    overstay,
  );
  return lines;
}

/** "Where:" and the places a procedure is done (`glossary:place.*`). */
export function whereLine(places: readonly Place[]): Phrase {
  return phrase('common:summary.where', { places: places.map((place) => phrase(`glossary:place.${place}`)) });
}

/** "Apply by …", why the date moved when it did, and how many days are left. */
export function deadlineLines(deadline: FilingDeadline, dueKey = 'common:deadline.dueBy'): Phrase[] {
  const lines = [phrase(dueKey, { due: deadline.due })];
  if (deadline.legalDue)
    lines.push(phrase('common:deadline.moved', { legalDue: deadline.legalDue, due: deadline.due }));
  lines.push(countdownLine(deadline));
  return lines;
}

/** The last day of a validity period (never moved off closed days). */
export function validityLines(validity: ValidityEnd, untilKey: string): Phrase[] {
  return [phrase(untilKey, { until: validity.until }), countdownLine(validity)];
}

export function countdownLine(countdown: { daysLeft: number; status: string }): Phrase {
  if (countdown.status === 'due-today') return phrase('common:deadline.today');
  if (countdown.status === 'overdue')
    return phrase('common:deadline.overdue', { count: -countdown.daysLeft });
  return phrase('common:deadline.daysLeft', { count: countdown.daysLeft });
}

/** For topics that need a person (refugee, deportation, overstay): says so and names the button. */
export function talkToPersonLine(): Phrase {
  return phrase('common:summary.talkToPerson', { button: phrase('common:nav.human') });
}

/** The summary card that ends a dialog: what to do, by when, and the official page. */
export function summaryCard(title: Phrase, lines: Phrase[], buttons: Button<Phrase>[] = []): DialogMessage {
  return { kind: 'card', title, lines, buttons };
}

/** Facts from content, one line each: their texts are the glossary keys content names. */
export function statementLines(statements: ReadonlyArray<{ key: string }>): Phrase[] {
  return statements.map((statement) => phrase(statement.key));
}

/** A heading, then one bulleted line per item (a list inside a summary card). */
export function bulletLines(heading: Phrase, items: readonly Phrase[]): Phrase[] {
  return [heading, ...items.map((item) => phrase('common:summary.bullet', { item }))];
}

/** The glossary key naming a status of residence (content checks every status id it refers to). */
export function statusKey(content: Content, id: string): string {
  const status = content.statuses.find((candidate) => candidate.id === id);
  if (!status) throw new Error(`statusKey(): unknown status "${id}"`);
  return status.key;
}

// ----- reading the person's answers from events (guards and assignments) -----

/** The payload of a chosen button, or undefined for a date. */
export function chosen(event: DialogEvent): string | undefined {
  return event.type === 'CHOICE' ? event.value : undefined;
}

/** The date answered, or undefined for a choice. */
export function answeredDate(event: DialogEvent): IsoDate | undefined {
  return event.type === 'DATE' ? event.date : undefined;
}

/** A yes/no question was answered (`askYesNo` payloads). */
export function answeredYesOrNo(event: DialogEvent): boolean {
  return chosen(event) === 'yes' || chosen(event) === 'no';
}

export function answeredYes(event: DialogEvent): boolean {
  return chosen(event) === 'yes';
}

/**
 * An expiry already passed, or today: an overstay, or about to become one — a person, now
 * (guidebook 5-1: one day of overstay exposes the person to deportation).
 */
export function expiredStayReason(stay: { status: string } | undefined): HandoffReason | undefined {
  return stay && stay.status !== 'upcoming' ? 'deadline' : undefined;
}
