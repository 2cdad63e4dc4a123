import { describe, expect, it } from 'vitest';
import { returnCardDialog } from '../../dialogs/return-card.ts';
import { content, runTranscript } from '../support/transcript.ts';

// A Wednesday.
const now = '2026-11-25T10:00:00+09:00';
const caseIds = content.procedures['return-card'].details.cases.map((c) => c.id);

describe('return-card dialog', () => {
  it('leaving for good: hand the card in at the port on departure day (CONTENT-NOTES error 3)', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:return-card' }, keys: ['return-card:askCase'], payloads: caseIds },
        { send: { choice: 'final-departure' }, keys: ['return-card:askEvent.final-departure'] },
        {
          send: { date: '2026-12-10' },
          state: 'done',
          keys: [
            'return-card:summary.titleAtPort',
            'glossary:return-case.final-departure',
            'return-card:summary.atPortOn',
            'common:deadline.daysLeft',
            'common:summary.where',
            'glossary:document.residence-card',
            'common:next.prompt',
          ],
          says: ['on the day you leave, Thursday, December 10, 2026', '15 days left.'],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('return-card:summary.byPost');
    expect(turns.at(-1)?.keys).not.toContain('return-card:summary.dueBy');
  });

  it.each(['cardholder-died', 'special-reentry-not-used', 'naturalised'])(
    '%s: within 14 days, at a counter or by post to Odaiba with the envelope marking',
    async (id) => {
      // 20 Nov + 14 days = Friday 4 Dec.
      await runTranscript(
        [
          { send: { choice: 'go:return-card' } },
          { send: { choice: id }, keys: [`return-card:askEvent.${id}`] },
          {
            send: { date: '2026-11-20' },
            state: 'done',
            keys: [
              'return-card:summary.title',
              `glossary:return-case.${id}`,
              'return-card:summary.countedFromEvent',
              'return-card:summary.dueBy',
              'return-card:summary.atCounter',
              'return-card:summary.byPost',
            ],
            says: [
              'Return the card by Friday, December 4, 2026.',
              'Online Inspection Section, Odaiba Branch',
              'Tokyo Port Joint Government Building 9F, 2-7-11 Aomi, Koto-ku, Tokyo 135-0064',
              'Write "Return of the Residence Card" on the front of the envelope.',
            ],
          },
        ],
        { now },
      );
    },
  );

  it('a last day on a holiday moves; overdue is said plainly', async () => {
    // 9 Nov + 14 days = Monday 23 Nov 2026 (Labour Thanksgiving Day) → Tuesday 24 Nov, 1 day ago.
    await runTranscript(
      [
        { send: { choice: 'go:return-card' } },
        { send: { choice: 'naturalised' } },
        {
          send: { date: '2026-11-09' },
          keys: ['common:deadline.moved', 'common:deadline.overdue'],
          says: ['Tuesday, November 24, 2026'],
        },
      ],
      { now },
    );
  });

  it('a departure must be today or later, the other events today or earlier', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:return-card' } },
        { send: '1', keys: ['return-card:askEvent.final-departure'] },
        { send: '2026-11-24', keys: ['common:invalidDate'] },
        { send: 'back', keys: ['return-card:askCase'] },
        { send: '2', keys: ['return-card:askEvent.cardholder-died'] },
        { send: { date: '2026-11-26' }, keys: ['common:invalidAnswer'] },
        { send: '2026/11/25', keys: ['common:deadline.daysLeft'], says: ['14 days left.'] },
      ],
      { now },
    );
  });

  it('speaks French, keeping the envelope marking in English', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:return-card' } },
        { send: { choice: 'naturalised' } },
        { send: { date: '2026-11-20' }, says: ['Indiquez « Return of the Residence Card » au recto'] },
      ],
      { now, localeHint: 'fr' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = returnCardDialog.createMachine(content);
    const context = { returnCase: 'naturalised' };
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askEvent', context })));
    expect(restored.value).toBe('askEvent');
    expect(restored.context).toEqual(context);
  });
});
