import { describe, expect, it } from 'vitest';
import { noCardCase, residenceCardDialog, STATUS_ANSWERS } from '../../dialogs/residence-card.ts';
import { runTranscript } from '../support/transcript.ts';

const start = {
  send: { choice: 'go:residence-card' },
  keys: [
    'glossary:residence-card.what-it-shows',
    'glossary:residence-card.must-carry',
    'glossary:residence-card.issued-to-mid-to-long-term-residents',
    'residence-card:askStatus',
  ],
  payloads: [...STATUS_ANSWERS],
};

describe('residence-card dialog', () => {
  it.each([
    ['temporary-visitor', 'glossary:no-card-case.temporary-visitor'],
    ['diplomat-or-official', 'glossary:no-card-case.diplomat-or-official'],
    ['special-permanent-resident', 'glossary:no-card-case.special-permanent-resident'],
  ])('status %s: no card, with the reason', async (status, reason) => {
    const turns = await runTranscript([
      start,
      {
        send: { choice: status },
        state: 'done',
        keys: ['residence-card:summary.noCardTitle', 'residence-card:summary.because', 'common:next.prompt'],
      },
    ]);
    const because = turns.at(-1)?.source.find((m) => m.kind === 'card');
    expect(JSON.stringify(because)).toContain(reason);
  });

  it('no status: no card, and a person is needed', async () => {
    await runTranscript([
      start,
      {
        send: { choice: 'no-status' },
        keys: ['residence-card:summary.noCardTitle', 'residence-card:summary.noStatusTalkToPerson'],
        payloads: ['cmd:human'],
        says: ['People without a status of residence'],
      },
    ]);
  });

  it('Designated Activities at the Taiwan or Palestine mission: no card', async () => {
    await runTranscript([
      start,
      {
        send: { choice: 'designated-activities' },
        keys: ['residence-card:askMission'],
        payloads: ['yes', 'no'],
      },
      {
        send: { choice: 'yes' },
        state: 'done',
        keys: ['residence-card:summary.noCardTitle'],
        says: ['Permanent General Mission of Palestine'],
      },
    ]);
  });

  it('Designated Activities elsewhere, three months or less: no card', async () => {
    await runTranscript([
      start,
      { send: { choice: 'designated-activities' } },
      { send: { choice: 'no' }, keys: ['residence-card:askStay'] },
      {
        send: { choice: 'no' },
        state: 'done',
        keys: ['residence-card:summary.noCardTitle'],
        says: ['People allowed to stay for three months or less'],
      },
    ]);
  });

  it('another status, more than three months, adult: a card, to carry at all times', async () => {
    const turns = await runTranscript([
      start,
      { send: { choice: 'other-status' }, keys: ['residence-card:askStay'] },
      { send: { choice: 'yes' }, keys: ['residence-card:askUnder16'] },
      {
        send: { choice: 'no' },
        state: 'done',
        keys: [
          'residence-card:summary.cardTitle',
          'residence-card:summary.carryAlways',
          'common:intent.card-issuance',
        ],
        payloads: ['go:card-issuance'],
        says: ['From the age of 16, carry your card with you at all times.'],
      },
    ]);
    expect(turns.at(-1)?.keys).not.toContain('glossary:residence-card.validity-permanent-resident');
  });

  it('Designated Activities elsewhere, longer stay, child: a card, to carry from 16', async () => {
    await runTranscript([
      start,
      { send: { choice: 'designated-activities' } },
      { send: { choice: 'no' } },
      { send: { choice: 'yes' } },
      {
        send: { choice: 'yes' },
        keys: ['residence-card:summary.cardTitle', 'residence-card:summary.carryFrom16'],
      },
    ]);
  });

  it('permanent resident: no three-month question; validity by age', async () => {
    await runTranscript([
      start,
      { send: { choice: 'permanent-resident' }, keys: ['residence-card:askUnder16'] },
      {
        send: { choice: 'no' },
        keys: ['residence-card:summary.cardTitle', 'glossary:residence-card.validity-permanent-resident'],
        says: ['valid for 7 years'],
      },
    ]);
    await runTranscript([
      start,
      { send: { choice: 'permanent-resident' } },
      { send: { choice: 'yes' }, keys: ['glossary:residence-card.validity-under-16'] },
    ]);
  });

  it('accepts typed answers: a number, a status name, yes/no words', async () => {
    await runTranscript([
      { send: 'Who gets a residence card?', keys: ['residence-card:askStatus'] },
      { send: '6', keys: ['residence-card:askStay'] },
      { send: 'yes', keys: ['residence-card:askUnder16'] },
      { send: 'back', keys: ['residence-card:askStay'] },
      { send: 'no', keys: ['residence-card:summary.noCardTitle'] },
    ]);
    await runTranscript(
      [
        { send: { choice: 'go:residence-card' } },
        { send: 'Visiteur temporaire (短期滞在)', keys: ['residence-card:summary.noCardTitle'] },
      ],
      { localeHint: 'fr' },
    );
  });

  it('speaks Japanese', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:residence-card' } },
        { send: { choice: 'other-status' } },
        { send: 'はい' },
        { send: 'いいえ', says: ['在留カードが交付されます', '16歳からは'] },
      ],
      { localeHint: 'ja' },
    );
  });

  it('decides the no-card case from the answers alone', () => {
    expect(noCardCase({ status: 'other-status', longerThanThreeMonths: true })).toBeUndefined();
    expect(noCardCase({ status: 'designated-activities', missionStaff: true })).toBe(
      'taiwan-palestine-missions',
    );
    expect(noCardCase({ status: 'other-status', longerThanThreeMonths: false })).toBe(
      'stay-of-three-months-or-less',
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = residenceCardDialog.createMachine({} as never);
    const context = { status: 'designated-activities', missionStaff: false };
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askStay', context })));
    expect(restored.value).toBe('askStay');
    expect(restored.context).toEqual(context);
  });
});
