/**
 * The parts of a personal answer that every procedure shares: the documents checklist, the
 * deadline lines, the official links and the summary card. Facts come from `content/`, dates from
 * the deadline engine; dialogs only choose which apply.
 */
import type { Content, ProcedureId } from '../content/index.ts';
import type { FilingDeadline, ValidityEnd } from '../src/deadlines/index.ts';
import type { Button, DialogMessage, IsoDate, Phrase } from '../src/messages.ts';
import { phrase } from '../src/messages.ts';
import type { DialogEvent } from './kit.ts';

export interface ChecklistOptions {
  /** The applicant is under 16: documents with `notNeededUnderAge: 16` (the photo) are left out. */
  age?: 'under-16' | '16-or-over';
  /** For documents with accepted forms, the one that applies (e.g. `theft-report`). */
  variants?: Readonly<Record<string, string>>;
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

/** The official pages of a procedure, as link buttons. */
export function officialLinks(content: Content, id: ProcedureId): Button<Phrase>[] {
  return procedure(content, id).links.map((link) => ({
    kind: 'link',
    label: link.topicKey ? phrase(link.topicKey) : phrase('common:summary.officialPage'),
    url: link.url,
  }));
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
