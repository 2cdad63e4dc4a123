import { describe, expect, it } from 'vitest';
import { moveInDialog } from '../../dialogs/move-in.ts';
import { runTranscript } from '../support/transcript.ts';

// A Wednesday. Civil Code art. 140: the day of settling is not counted.
const now = '2026-11-25T10:00:00+09:00';

describe('move-in dialog', () => {
  it('card received at the airport: bring the card; 14 days from settling', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:move-in' }, keys: ['move-in:askAirport'], payloads: ['yes', 'no'] },
        { send: { choice: 'yes' }, keys: ['move-in:askSettled'], payloads: ['cmd:back'] },
        // 20 Nov + 14 days = Friday 4 Dec.
        {
          send: { date: '2026-11-20' },
          state: 'done',
          keys: [
            'move-in:summary.title',
            'move-in:summary.countedFromSettled',
            'move-in:summary.dueBy',
            'common:deadline.daysLeft',
            'common:summary.where',
            'common:summary.documentWithCondition',
            'common:next.prompt',
          ],
          says: [
            'Notify your address at your municipal office by Friday, December 4, 2026.',
            '9 days left.',
            'Residence card (在留カード) (if you received your card at the airport)',
          ],
        },
      ],
      { now },
    );
    expect(JSON.stringify(turns.at(-1)?.messages)).not.toContain('Passport');
    expect(turns.at(-1)?.keys).not.toContain('glossary:card-issuance.sent-by-post-after-move-in');
  });

  it('landed elsewhere: bring the passport; the card then comes by post', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:move-in' } },
        { send: { choice: 'no' } },
        // 11 Nov + 14 days = 25 Nov, today.
        {
          send: { date: '2026-11-11' },
          keys: ['glossary:card-issuance.sent-by-post-after-move-in', 'common:deadline.today'],
          says: ['Passport (旅券・パスポート) (if you landed at another airport or seaport (no card yet))'],
        },
      ],
      { now },
    );
    expect(JSON.stringify(turns.at(-1)?.messages)).not.toContain('Residence card (在留カード)');
  });

  it('a last day on a holiday moves to the next open day; overdue is said plainly', async () => {
    // 9 Nov + 14 days = Monday 23 Nov 2026 (Labour Thanksgiving Day) → Tuesday 24 Nov, 1 day ago.
    await runTranscript(
      [
        { send: { choice: 'go:move-in' } },
        { send: { choice: 'yes' } },
        {
          send: { date: '2026-11-09' },
          keys: ['common:deadline.moved', 'common:deadline.overdue'],
          says: ['Tuesday, November 24, 2026', 'Monday, November 23, 2026', 'This was due 1 day ago.'],
        },
      ],
      { now },
    );
  });

  it('accepts typed answers and refuses a future date', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:move-in' } },
        { send: 'no', keys: ['move-in:askSettled'] },
        { send: '2026-12-01', keys: ['common:invalidDate', 'move-in:askSettled'] },
        { send: { date: '2026-12-01' }, keys: ['common:invalidAnswer', 'move-in:askSettled'] },
        { send: '2026/11/20', keys: ['move-in:summary.dueBy'] },
      ],
      { now },
    );
  });

  it('speaks Japanese', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:move-in' } },
        { send: 'はい' },
        { send: { date: '2026-11-20' }, says: ['市区町村の窓口で住居地を届け出てください', '在留カード'] },
      ],
      { now, localeHint: 'ja' },
    );
  });

  it('is reached from the card-issuance answer', async () => {
    await runTranscript([
      { send: { choice: 'go:card-issuance' } },
      { send: { choice: 'landing-elsewhere' } },
      { send: { choice: 'go:move-in' }, keys: ['move-in:askAirport'] },
    ]);
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = moveInDialog.createMachine({} as never);
    const restored = machine.resolveState(
      JSON.parse(JSON.stringify({ value: 'askSettled', context: { cardFromAirport: false } })),
    );
    expect(restored.value).toBe('askSettled');
    expect(restored.context).toEqual({ cardFromAirport: false });
  });
});
