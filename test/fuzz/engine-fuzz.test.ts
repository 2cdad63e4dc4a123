/**
 * Random conversations through every real dialog (real content, locales and language model): taps
 * on the buttons shown, hostile texts, impossible dates typed or sent as date events. Every turn must
 * answer something, and never with the crash apology: a bad input is refused kindly by the engine,
 * not caught after it broke a dialog or the deadline engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIALOGS } from '../../dialogs/index.ts';
import type { UserInput } from '../support/harness.ts';
import { dialogHarness } from '../support/transcript.ts';
import { anyDate, anyText, typedDate } from './arbitraries.ts';

const APOLOGY = 'common:error.apology';
const dialogIds = DIALOGS.map((dialog) => dialog.id);

/** One step: a button of the last answer (by index), a text, a typed date or a date event. */
const step = fc.oneof(
  { weight: 4, arbitrary: fc.nat().map((index) => ({ tap: index })) },
  { weight: 2, arbitrary: anyText.map((text) => ({ text })) },
  { weight: 2, arbitrary: typedDate.map((text) => ({ text })) },
  { weight: 2, arbitrary: anyDate.map((date) => ({ date })) },
);

describe('engine fuzz: random conversations through the real dialogs', () => {
  it('always answers, and never with the crash apology', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...dialogIds), fc.array(step, { maxLength: 8 }), async (id, steps) => {
        const { send } = dialogHarness();
        let turn = await send({ choice: `go:${id}` });
        for (const next of steps) {
          // Taps avoid "talk to a person" and "forget": they end the walk without exercising the dialog.
          const buttons = turn.payloads.filter((payload) => !['cmd:human', 'cmd:forget'].includes(payload));
          const input: UserInput =
            'tap' in next
              ? { choice: buttons[next.tap % Math.max(buttons.length, 1)] ?? 'cmd:menu' }
              : 'date' in next
                ? { date: next.date }
                : next.text;
          turn = await send(input);
          expect(turn.messages.length, JSON.stringify(input)).toBeGreaterThan(0);
          expect(turn.keys, JSON.stringify(input)).not.toContain(APOLOGY);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('refuses an impossible date event kindly at every date question', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...dialogIds),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('2026-02-30', '99999-01-01', '2026-13-01', '0000-01-01', '2026-11-31'),
        async (id, taps, date) => {
          const { send } = dialogHarness();
          let turn = await send({ choice: `go:${id}` });
          // Tap through until a date question shows, then send the impossible date.
          for (const tap of taps) {
            if (turn.source.some((message) => message.kind === 'date')) break;
            const buttons = turn.payloads.filter((payload) => !payload.startsWith('cmd:'));
            if (buttons.length === 0) return;
            turn = await send({ choice: buttons[tap % buttons.length] as string });
          }
          if (!turn.source.some((message) => message.kind === 'date')) return;
          const refused = await send({ date });
          expect(refused.keys[0]).toBe('common:invalidDate');
          expect(refused.source.some((message) => message.kind === 'date')).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });
});
