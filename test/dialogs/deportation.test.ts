import { describe, expect, it } from 'vitest';
import { deportationDialog } from '../../dialogs/deportation.ts';
import { content, runTranscript } from '../support/transcript.ts';

const conditions = content.procedures.deportation.details.departureOrder.conditions;
const yes = { send: { choice: 'yes' } };
const yesToAll = conditions.map(() => yes);

describe('deportation dialog', () => {
  it('asks why the person is here', async () => {
    await runTranscript([
      {
        send: { choice: 'go:deportation' },
        state: 'askSituation',
        keys: ['deportation:askSituation'],
        payloads: ['overstayed', 'detained', 'rules', 'cmd:menu', 'cmd:human'],
      },
    ]);
  });

  it('overstayed, every condition holds: the departure order MAY apply, 1-year ban, a person', async () => {
    const turns = await runTranscript([
      { send: { choice: 'go:deportation' } },
      {
        send: { choice: 'overstayed' },
        state: 'askCondition',
        keys: [
          'glossary:departure-order.simple-procedure-without-detention',
          'glossary:departure-order.all-conditions-required',
          'deportation:condition',
          'deportation:route',
          'deportation:askCondition',
        ],
        payloads: ['yes', 'no', 'cmd:back'],
        // The June 2024 rule: the first condition can be met in two ways.
        says: [
          'Condition 1 of 6: You come forward',
          '– you appear voluntarily before any investigation',
          '– after the investigation has started, you declare',
        ],
      },
      ...yesToAll.slice(0, -1),
      {
        ...yes,
        state: 'done',
        keys: [
          'deportation:summary.title.mayApply',
          'deportation:summary.mayApply',
          'glossary:reentry-ban.after-departure-order',
          'common:summary.talkToPerson',
          'deportation:conditionsTitle',
          'deportation:bansTitle',
          'common:next.prompt',
        ],
        says: ['may apply to you. This is not a promise', 'Talk to a person'],
      },
    ]);
    expect(
      turns.at(-2)?.messages.some((m) => m.kind === 'text' && m.text.startsWith('Condition 6 of 6')),
    ).toBe(true);
    expect(turns.at(-1)?.keys).not.toContain('deportation:groundsTitle');
  });

  it.each(conditions.map((condition, index) => [condition.id, index] as const))(
    'overstayed, condition "%s" fails: the departure order may not apply',
    async (id, index) => {
      const turns = await runTranscript([
        { send: { choice: 'go:deportation' } },
        { send: { choice: 'overstayed' } },
        ...yesToAll.slice(0, index),
        {
          send: { choice: 'no' },
          state: 'done',
          keys: [
            'deportation:summary.title.mayNotApply',
            'deportation:summary.mayNotApply',
            'glossary:deportation.special-permission-to-stay',
            'common:summary.talkToPerson',
            'deportation:bansTitle',
          ],
        },
      ]);
      const summary = turns.at(-1)?.source.find((m) => m.kind === 'card');
      expect(summary?.kind === 'card' && summary.lines[0]?.values?.condition).toEqual({
        key: `glossary:departure-order-condition.${id}`,
      });
    },
  );

  it('someone detained: the grounds, the bans, special permission to stay, a person', async () => {
    const [, done] = await runTranscript([
      { send: { choice: 'go:deportation' } },
      {
        send: { choice: 'detained' },
        state: 'done',
        keys: [
          'deportation:summary.title.detained',
          'glossary:deportation.special-permission-to-stay',
          'common:summary.talkToPerson',
          'deportation:groundsTitle',
          'glossary:deportation-ground.overstay',
          'glossary:deportation-ground.criminal-penalty',
          'glossary:reentry-ban.after-deportation',
          'glossary:reentry-ban.after-serious-sentence-or-drugs',
        ],
      },
    ]);
    expect(done?.keys).not.toContain('deportation:conditionsTitle');
  });

  it('the rules: grounds, departure-order conditions (all required), bans, official page', async () => {
    const [, done] = await runTranscript([
      { send: { choice: 'go:deportation' } },
      {
        send: { choice: 'rules' },
        keys: [
          'deportation:summary.title.rules',
          'glossary:deportation.anyone-meeting-a-ground',
          'glossary:departure-order.all-conditions-required',
          'deportation:groundsTitle',
          'deportation:conditionsTitle',
          'glossary:departure-order-condition.never-left-by-departure-order',
          'deportation:route',
          'deportation:bansTitle',
          'glossary:reentry-ban.after-repeat-removal',
          'common:summary.talkToPerson',
        ],
      },
    ]);
    expect(JSON.stringify(done?.messages)).toContain(
      'https://www.moj.go.jp/isa/deportation/procedures/tetuduki_taikyo_syutukoku_00001.html',
    );
  });

  it('accepts typed answers and goes back one condition', async () => {
    await runTranscript([
      { send: { choice: 'go:deportation' } },
      { send: '1', keys: ['deportation:askCondition'] },
      { send: 'yes', says: ['Condition 2 of 6'] },
      { send: 'yeah', says: ['Condition 3 of 6'] },
      { send: 'back', says: ['Condition 2 of 6'] },
      { send: 'nope', keys: ['deportation:summary.title.mayNotApply'] },
    ]);
  });

  it('speaks French and Japanese', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:deportation' } },
        { send: { choice: 'overstayed' }, says: ['Condition 1 sur 6'] },
        { send: 'non', says: ["pourrait ne pas s'appliquer", 'Parler à une personne'] },
      ],
      { localeHint: 'fr' },
    );
    await runTranscript(
      [
        { send: { choice: 'go:deportation' } },
        { send: 'ルールを知りたい', keys: ['deportation:summary.title.rules'], says: ['出国命令'] },
      ],
      { localeHint: 'ja' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = deportationDialog.createMachine(content);
    const context = { situation: 'overstayed', met: 3 };
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askCondition', context })));
    expect(restored.value).toBe('askCondition');
    expect(restored.context).toEqual(context);
  });
});
