import { describe, expect, it } from 'vitest';
import { runTranscript } from '../support/transcript.ts';

describe('conversations across languages', () => {
  it('an explicit switch to Nepali mid-dialog keeps the progress', async () => {
    const turns = await runTranscript([
      { send: { choice: 'go:lost-card' } },
      { send: { choice: 'stolen' } },
      { send: { choice: 'lang:ne' }, keys: ['common:language.changed', 'lost-card:askNoticed'] },
      { send: { date: '2026-11-20' }, keys: ['lost-card:askAbroad'] },
      { send: { choice: 'no' } },
      { send: { choice: 'no' }, state: 'done', keys: ['lost-card:summary.cause.stolen'] },
    ]);
    expect(turns.slice(2).every((turn) => turn.language === 'ne')).toBe(true);
    // Nepali text, with the date written the Nepali way.
    expect(JSON.stringify(turns.at(-1)?.messages)).toMatch(/[\u0900-\u097F]/);
  });

  it('marks Urdu output right-to-left, for the widget and the channels', async () => {
    const [turn] = await runTranscript([{ send: { choice: 'lang:ur' }, keys: ['common:language.changed'] }]);
    expect(turn).toMatchObject({ language: 'ur', dir: 'rtl' });
    expect(JSON.stringify(turn?.messages)).toMatch(/[\u0600-\u06FF]/);
  });

  it('answers in Easy Japanese when asked, never in standard Japanese', async () => {
    const [turn] = await runTranscript([{ send: { choice: 'go:lost-card' } }], { localeHint: 'ja-easy' });
    expect(turn?.language).toBe('ja-easy');
    const [standard] = await runTranscript([{ send: { choice: 'go:lost-card' } }], { localeHint: 'ja' });
    expect(turn?.messages).not.toEqual(standard?.messages);
  });
});
