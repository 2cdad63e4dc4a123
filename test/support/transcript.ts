/**
 * Transcript tables for dialog tests: each row is what the user sends and what the bot's answer
 * must contain (phrase keys, button payloads, rendered text), run through the real engine with the
 * real content and locales on a fixed clock.
 */
import { expect } from 'vitest';
import { loadContent } from '../../content/index.ts';
import { DIALOGS } from '../../dialogs/index.ts';
import { createHandoff } from '../../src/escalation/handoff.ts';
import { createNluUnderstanding } from '../../src/nlu/understanding.ts';
import { createHarness, type Turn, type UserInput } from './harness.ts';

export interface TranscriptRow {
  send: UserInput;
  /** Phrase keys the answer must show (in any order). */
  keys?: string[];
  /** Button or choice payloads the answer must offer. */
  payloads?: string[];
  /** Texts the rendered answer must contain (substrings of any rendered message). */
  says?: string[];
  /** The dialog state after this turn (`done` once the summary is shown). */
  state?: string;
}

export const content = loadContent();
/** Trained once per test file: the real language model, as in production. */
const understanding = createNluUnderstanding();

export function dialogHarness(options: { now?: string; localeHint?: string; userKey?: string } = {}) {
  return createHarness({
    dialogs: [...DIALOGS],
    content,
    handoff: createHandoff(content),
    understanding,
    ...options,
  });
}

/** Runs the rows in order in one conversation; returns the turns for further assertions. */
export async function runTranscript(
  rows: TranscriptRow[],
  options: { now?: string; localeHint?: string } = {},
): Promise<Turn[]> {
  const harness = dialogHarness(options);
  const turns: Turn[] = [];
  for (const [index, row] of rows.entries()) {
    const turn = await harness.send(row.send);
    turns.push(turn);
    const where = `row ${index + 1} (${JSON.stringify(row.send)})`;
    if (row.keys) expect(turn.keys, where).toEqual(expect.arrayContaining(row.keys));
    if (row.payloads) expect(turn.payloads, where).toEqual(expect.arrayContaining(row.payloads));
    if (row.says) {
      const rendered = JSON.stringify(turn.messages);
      for (const text of row.says) expect(rendered, where).toContain(JSON.stringify(text).slice(1, -1));
    }
    if (row.state) {
      const saved = await harness.store.get<{ dialog?: { snapshot: { value: unknown } } }>(
        `test:${'user-1'}`,
      );
      expect(saved?.value.dialog?.snapshot.value, where).toEqual(row.state);
    }
  }
  expect(harness.missing, 'missing translation keys').toEqual([]);
  return turns;
}
