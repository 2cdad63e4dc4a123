import { describe, expect, it } from 'vitest';
import { highlySkilledDialog } from '../../dialogs/highly-skilled.ts';
import { content, runTranscript } from '../support/transcript.ts';

const now = '2026-11-25T10:00:00+09:00';

/** Every answer shows the points system, its benefits, J-Skip and the two official pages. */
const always = [
  'glossary:procedure.highly-skilled',
  'glossary:highly-skilled.expected-contributors',
  'glossary:highly-skilled.points-system',
  'highly-skilled:summary.benefits',
  'common:summary.bullet',
  'glossary:highly-skilled.j-skip',
  'highly-skilled:summary.jSkipCriteria',
  'highly-skilled:summary.where',
  'common:summary.officialPage',
  'highly-skilled:summary.jSkipLink',
  'common:next.prompt',
];
const links = [
  'https://www.moj.go.jp/isa/publications/materials/newimmiact_3_index.html',
  'https://www.moj.go.jp/isa/publications/materials/nyuukokukanri01_00009.html',
];

describe('highly-skilled dialog', () => {
  it('research work meeting the J-Skip criteria: J-Skip may apply', async () => {
    await runTranscript(
      [
        {
          send: { choice: 'go:highly-skilled' },
          keys: ['highly-skilled:askTrack', 'highly-skilled:track.research-or-engineering'],
          payloads: ['research-or-engineering', 'business-management', 'other'],
        },
        {
          send: { choice: 'research-or-engineering' },
          keys: [
            'highly-skilled:criteriaIntro',
            'glossary:j-skip.research-or-engineering',
            'highly-skilled:askMeetsCriteria',
          ],
          payloads: ['yes', 'no', 'cmd:back'],
          says: ['an annual income of ¥20 million or more'],
        },
        {
          send: { choice: 'yes' },
          state: 'done',
          keys: ['highly-skilled:summary.jSkipMayApply', ...always],
          says: [
            'With 70 points or more, you receive:',
            '• A 5-year period of stay',
            '• Business management: at least 5 years of experience',
            ...links,
          ],
        },
      ],
      { now },
    );
  });

  it('business management not meeting the criteria (typed): the points system may still apply', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:highly-skilled' } },
        { send: '2', keys: ['glossary:j-skip.business-management'] },
        { send: 'no', state: 'done', keys: ['highly-skilled:summary.jSkipNotMet', ...always] },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('highly-skilled:summary.jSkipMayApply');
  });

  it('other work: the points system and J-Skip, with no verdict', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:highly-skilled' } },
        { send: { choice: 'other' }, state: 'done', keys: always, says: links },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('highly-skilled:summary.jSkipNotMet');
    expect(turns.at(-1)?.keys).not.toContain('highly-skilled:summary.jSkipMayApply');
  });

  it('speaks French and Japanese', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:highly-skilled' } },
        { send: { choice: 'other' }, says: ['Avec 70 points ou plus'] },
      ],
      { now, localeHint: 'fr' },
    );
    await runTranscript(
      [
        { send: { choice: 'go:highly-skilled' } },
        { send: { choice: 'business-management' } },
        { send: 'はい', says: ['J-Skipの特別高度人材に当たる可能性があります'] },
      ],
      { now, localeHint: 'ja' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = highlySkilledDialog.createMachine(content);
    const context = { track: 'business-management' };
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askMeetsCriteria', context })));
    expect(restored.value).toBe('askMeetsCriteria');
    expect(restored.context).toEqual(context);
  });
});
