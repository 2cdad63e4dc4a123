/**
 * The console channel's `--json` input, fuzzed: any line (random text, broken or hostile JSON,
 * impossible dates, control characters, 5,000 characters) gets one JSON line back per outbound
 * message or a JSON `{"error"}` line, never a crash, and the chat ends when the input does.
 */
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonLine, runConsoleChat } from '../../src/channels/console/console-chat.ts';
import { fixtureDialog, fixtureResources } from '../support/fixture-dialog.ts';
import { createHarness } from '../support/harness.ts';
import { anyDate, anyText } from './arbitraries.ts';

const line = fc.oneof(
  anyText,
  fc.json({ maxDepth: 4 }),
  anyDate.map((date) => JSON.stringify({ date })),
  fc.string().map((choice) => JSON.stringify({ choice })),
  fc.constantFrom(
    '{',
    '{"date": 20261120}',
    '{"choice": null}',
    `{"a":${'['.repeat(10_000)}`,
    '{"text": "\\u0000"}',
  ),
);

describe('console --json input fuzz', () => {
  it('parseJsonLine never throws: an event or an error for any line', () => {
    fc.assert(
      fc.property(line, (input) => {
        const parsed = parseJsonLine(input);
        expect('error' in parsed || ['text', 'choice', 'date'].includes(parsed.kind)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('answers every line with JSON lines and ends with the input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          line.filter((text) => !/[\r\n\u2028\u2029]/.test(text)),
          { maxLength: 6 },
        ),
        async (lines) => {
          const { app } = createHarness({ dialogs: [fixtureDialog], extraResources: fixtureResources });
          const output = new PassThrough();
          const written: string[] = [];
          output.on('data', (chunk: Buffer) => written.push(String(chunk)));
          await runConsoleChat({
            engine: app.engine,
            input: Readable.from([`${['{"choice":"go:move-in"}', ...lines].join('\n')}\n`]),
            output,
            json: true,
            userKey: 'fuzz',
          });
          const outputLines = written.join('').split('\n').filter(Boolean);
          // The greeting, then at least one line per input line.
          expect(outputLines.length).toBeGreaterThanOrEqual(lines.length + 2);
          for (const outputLine of outputLines) expect(() => JSON.parse(outputLine)).not.toThrow();
          expect(written.join('')).not.toMatch(/something went wrong/i);
          await app.close();
        },
      ),
      { numRuns: 25 },
    );
  });
});
