import { describe, expect, it } from 'vitest';
import { cardIssuanceDialog } from '../../dialogs/card-issuance.ts';
import { content, runTranscript } from '../support/transcript.ts';

const caseIds = content.procedures['card-issuance'].details.cases.map((c) => c.id);

describe('card-issuance dialog', () => {
  it('offers the five cases of guidebook 1-1', async () => {
    await runTranscript([
      {
        send: { choice: 'go:card-issuance' },
        keys: ['card-issuance:askCase', 'glossary:card-issuance.landing-at-major-airport'],
        payloads: caseIds,
      },
    ]);
    expect(caseIds).toHaveLength(5);
  });

  it('landing at one of the seven airports: the card is handed over there', async () => {
    const turns = await runTranscript([
      { send: { choice: 'go:card-issuance' } },
      {
        send: { choice: 'landing-at-major-airport' },
        state: 'done',
        keys: [
          'card-issuance:summary.title',
          'glossary:card-issuance.issued-at-airport',
          'common:next.prompt',
        ],
        says: ['New Chitose', 'The card is handed to you at the airport.'],
      },
    ]);
    // No follow-up procedure is offered (the engine's own next step, find my office, aside).
    expect(turns.at(-1)?.payloads.filter((p) => p.startsWith('go:') && p !== 'go:find-office')).toEqual([]);
  });

  it.each([
    [
      'landing-elsewhere',
      'glossary:card-issuance.sent-by-post-after-move-in',
      'go:move-in',
      'Your municipal office',
    ],
    [
      'extension-granted',
      'glossary:card-issuance.new-card-if-granted',
      'go:extend-stay',
      'regional immigration',
    ],
    [
      'change-granted',
      'glossary:card-issuance.new-card-if-granted',
      'go:change-status',
      'regional immigration',
    ],
    [
      'acquisition-granted',
      'glossary:card-issuance.new-card-if-granted',
      'go:newborn',
      'Your municipal office',
    ],
  ])(
    '%s: the outcome, where the related procedure is done, and a button to it',
    async (id, outcome, go, where) => {
      await runTranscript([
        { send: { choice: 'go:card-issuance' } },
        {
          send: { choice: id },
          state: 'done',
          keys: [outcome, 'common:summary.where'],
          payloads: [go],
          says: [where],
        },
      ]);
    },
  );

  it('accepts a typed number and speaks French', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:card-issuance' } },
        { send: '2', keys: ['glossary:card-issuance.sent-by-post-after-move-in'], says: ['par la poste'] },
      ],
      { localeHint: 'fr' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = cardIssuanceDialog.createMachine(content);
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askCase', context: {} })));
    expect(restored.value).toBe('askCase');
    expect(restored.context).toEqual({});
  });
});
