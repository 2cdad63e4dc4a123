/**
 * Walks every dialog machine through every answer its questions offer (every button, and a spread
 * of dates around today within each date question's range), with @xstate/graph. Every reachable
 * state must show a question or end in a summary, every state must still be able to reach the
 * summary (no dead end), and every view must render in every locale with no missing key.
 */
import { getAdjacencyMap, serializeSnapshot } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot } from 'xstate';
import { loadContent } from '../../content/index.ts';
import { DIALOGS } from '../../dialogs/index.ts';
import type { DialogEvent } from '../../dialogs/kit.ts';
import { createTranslator, LANGUAGES, type LanguageCode } from '../../src/i18n/index.ts';
import type { DialogMessage } from '../../src/messages.ts';

const content = loadContent();
const today = '2026-11-25';
const env = { content, today };

function shift(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** Dates a user might give: recent past, today, near and far future, and the range's own ends. */
const SAMPLE_OFFSETS = [-400, -70, -30, -14, -13, -1, 0, 1, 20, 100, 400];

function stateKey(value: unknown): string {
  if (typeof value === 'string') return value;
  const [name, child] = Object.entries(value as Record<string, unknown>)[0] ?? [];
  return child === undefined ? String(name) : `${name}.${stateKey(child)}`;
}

function questionOf(messages: DialogMessage[]) {
  return messages.findLast((m) => m.kind === 'choices' || m.kind === 'date');
}

const missing: string[] = [];
const translator = createTranslator({ onMissingKey: (lng, key) => missing.push(`${lng}:${key}`) });
const languages = LANGUAGES.map((l) => l.code).filter((code) => translator.has(code)) as LanguageCode[];

describe.each(DIALOGS.map((definition) => [definition.id, definition] as const))(
  'every path of %s',
  (_id, definition) => {
    const machine = definition.createMachine(content);
    const viewOf = (snapshot: AnyMachineSnapshot) => {
      const view = definition.views[stateKey(snapshot.value)];
      if (!view) throw new Error(`no view for state ${stateKey(snapshot.value)}`);
      return view(snapshot.context, env);
    };
    const events = (snapshot: AnyMachineSnapshot): DialogEvent[] => {
      if (snapshot.status === 'done') return [];
      const question = questionOf(viewOf(snapshot));
      if (question?.kind === 'choices') {
        return [...question.choices, ...(question.typedChoices ?? [])]
          .filter((choice) => !choice.payload.includes(':'))
          .map((choice) => ({ type: 'CHOICE', value: choice.payload, today }));
      }
      if (question?.kind === 'date') {
        const dates = new Set([
          ...SAMPLE_OFFSETS.map((days) => shift(today, days)),
          question.min,
          question.max,
        ]);
        return [...dates]
          .filter(
            (date): date is string =>
              !!date && (!question.min || date >= question.min) && (!question.max || date <= question.max),
          )
          .map((date) => ({ type: 'DATE', date, today }));
      }
      return [];
    };
    const graph = getAdjacencyMap(machine, { events, input: { today } });
    const nodes = Object.entries(graph);

    it('explores more than the first question', () => {
      expect(nodes.length).toBeGreaterThan(2);
    });

    it('reaches a summary, and every state can still reach one', () => {
      const finals = nodes
        .filter(([, node]) => (node.state as AnyMachineSnapshot).status === 'done')
        .map(([key]) => key);
      expect(finals.length).toBeGreaterThan(0);
      // Walk the graph backwards from the summaries: every node must be reached.
      const canFinish = new Set(finals);
      let grew = true;
      while (grew) {
        grew = false;
        for (const [key, node] of nodes) {
          if (canFinish.has(key)) continue;
          if (
            Object.values(node.transitions as Record<string, { state: AnyMachineSnapshot }>).some((t) =>
              canFinish.has(serializeSnapshot(t.state)),
            )
          ) {
            canFinish.add(key);
            grew = true;
          }
        }
      }
      const stuck = nodes
        .filter(([key]) => !canFinish.has(key))
        .map(([, node]) => stateKey(node.state.value));
      expect(stuck).toEqual([]);
    });

    it('asks a question in every state but the summary, which shows a summary card', () => {
      for (const [, node] of nodes) {
        const snapshot = node.state as AnyMachineSnapshot;
        const view = viewOf(snapshot);
        if (snapshot.status === 'done') {
          expect(
            view.some((m) => m.kind === 'card'),
            `${definition.id} summary`,
          ).toBe(true);
        } else {
          expect(
            questionOf(view),
            `${definition.id} ${stateKey(snapshot.value)} asks something`,
          ).toBeDefined();
          expect(
            Object.keys(node.transitions).length,
            `${definition.id} ${stateKey(snapshot.value)} has a way on`,
          ).toBeGreaterThan(0);
        }
      }
    });

    it(`renders every state in all ${languages.length} locales with no missing key`, () => {
      missing.length = 0;
      const leftovers: string[] = [];
      for (const [, node] of nodes) {
        const view = viewOf(node.state as AnyMachineSnapshot);
        for (const language of languages) {
          for (const message of view) {
            const rendered = JSON.stringify(translator.renderMessage(message, language));
            if (
              /\{\{|\b[a-z-]+:[a-zA-Z-]+\.[a-zA-Z.-]+\b/.test(
                rendered.replace(/https?:\/\/[^"]+/g, '').replace(/tel:[+\d]+/g, ''),
              )
            ) {
              leftovers.push(`${language}: ${rendered.slice(0, 160)}`);
            }
          }
        }
      }
      expect(missing).toEqual([]);
      expect(leftovers).toEqual([]);
    });
  },
);
