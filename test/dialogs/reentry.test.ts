import { describe, expect, it } from 'vitest';
import { reentryDialog } from '../../dialogs/reentry.ts';
import { runTranscript, type TranscriptRow } from '../support/transcript.ts';

// A Wednesday.
const now = '2026-11-25T10:00:00+09:00';

type Expect = Omit<TranscriptRow, 'send'>;

/** Leaves on Thu 10 Dec 2026 with a period of stay ending on `expiry`, back on `back`. */
function withPeriodOfStay(expiry: string, back: string, answer: Expect, start: Expect = {}): TranscriptRow[] {
  return [
    { send: { choice: 'go:reentry' }, ...start },
    { send: { choice: 'period-of-stay' }, keys: ['reentry:askDeparture'] },
    { send: { date: '2026-12-10' }, keys: ['reentry:askExpiry'] },
    { send: { date: expiry }, keys: ['reentry:askReturn'] },
    { send: { date: back }, state: 'done', ...answer },
  ];
}

const specialConditions = [
  'glossary:special-reentry.no-application-needed',
  'glossary:special-reentry.declare-on-embarkation-card',
  'glossary:special-reentry.not-extendable-abroad',
  'glossary:special-reentry.card-returned-if-not-used',
];

describe('reentry dialog', () => {
  it('back within a year: special re-entry, return by the day before the anniversary of departure, the conditions', async () => {
    // Departure day not counted; 1 year → Fri 10 Dec 2027 (Civil Code arts. 140, 143), 380 days away.
    const rows = withPeriodOfStay(
      '2028-03-31',
      '2027-06-01',
      {
        keys: [
          'reentry:summary.specialTitle',
          'reentry:summary.specialSuffices',
          'reentry:summary.returnBy',
          'common:deadline.daysLeft',
          ...specialConditions,
          'glossary:special-reentry.not-for-short-stays',
          'reentry:summary.permitIfLonger',
          'glossary:document.residence-card',
          'common:summary.documentWithCondition',
          'common:next.prompt',
        ],
        says: [
          'Come back to Japan by Friday, December 10, 2027 at the latest.',
          '380 days left.',
          'https://www.moj.go.jp/isa/applications/procedures/16-5.html',
        ],
      },
      {
        keys: ['reentry:askResidency', 'glossary:status.permanent-resident'],
        payloads: ['period-of-stay', 'permanent-resident', 'special-permanent-resident', 'cmd:human'],
      },
    );
    const turns = await runTranscript(rows, { now });
    expect(turns.at(-1)?.keys).not.toContain('reentry:summary.cappedAtExpiry');
  });

  it('the period of stay ends first: special re-entry only until then', async () => {
    const rows = withPeriodOfStay('2027-03-31', '2027-02-01', {
      keys: ['reentry:summary.specialTitle', 'reentry:summary.cappedAtExpiry'],
      says: ['Come back to Japan by Wednesday, March 31, 2027 at the latest.'],
    });
    await runTranscript(rows, { now });
  });

  it('back after the year: a re-entry permit, capped at the end of the period of stay', async () => {
    // Special re-entry ends 10 Dec 2027; a permit could run to 10 Dec 2031 but the stay ends Sat 31 Mar 2029.
    const rows = withPeriodOfStay('2029-03-31', '2028-06-01', {
      keys: [
        'reentry:summary.permitTitle',
        'reentry:summary.permitNeeded',
        'reentry:summary.permitReturnBy',
        'reentry:summary.cappedAtExpiry',
        'glossary:reentry-permit.apply-at-bureau',
        'glossary:reentry-permit.up-to-five-years',
      ],
      says: [
        'after the special re-entry limit (Friday, December 10, 2027)',
        'by Saturday, March 31, 2029 at the latest',
      ],
    });
    await runTranscript(rows, { now });
  });

  it('back after the end of the period of stay: too late even with a permit, ask before leaving', async () => {
    const rows = withPeriodOfStay('2027-03-31', '2027-06-01', {
      keys: [
        'reentry:summary.beyondTitle',
        'reentry:summary.beyondLimit',
        'reentry:summary.askBeforeLeaving',
      ],
      says: ['the latest possible day is Wednesday, March 31, 2027.'],
    });
    const turns = await runTranscript(rows, { now });
    expect(turns.at(-1)?.keys).not.toContain('common:summary.documents');
  });

  it('a permanent resident: no expiry question, the 1-year and 5-year limits', async () => {
    // Permit limit: 5 years after 10 Dec 2026 → Wed 10 Dec 2031.
    const turns = await runTranscript(
      [
        { send: { choice: 'go:reentry' } },
        { send: { choice: 'permanent-resident' }, keys: ['reentry:askDeparture'] },
        { send: { date: '2026-12-10' }, keys: ['reentry:askReturn'] },
        {
          send: { date: '2028-06-01' },
          state: 'done',
          keys: ['reentry:summary.permitTitle', 'reentry:summary.noPeriodOfStay'],
          says: ['(Friday, December 10, 2027)', 'by Wednesday, December 10, 2031 at the latest'],
        },
      ],
      { now },
    );
    expect(turns.flatMap((turn) => turn.keys)).not.toContain('reentry:askExpiry');
    expect(turns.at(-1)?.keys).not.toContain('reentry:summary.cappedAtExpiry');
    // A return within the year: special re-entry, without the short-stay condition.
    const within = await runTranscript(
      [
        { send: { choice: 'go:reentry' } },
        { send: { choice: 'permanent-resident' } },
        { send: { date: '2026-12-10' } },
        { send: { date: '2027-12-10' }, keys: ['reentry:summary.specialTitle', ...specialConditions] },
      ],
      { now },
    );
    expect(within.at(-1)?.keys).not.toContain('glossary:special-reentry.not-for-short-stays');
  });

  it('a permanent resident far beyond five years: too late', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:reentry' } },
        { send: { choice: 'permanent-resident' } },
        { send: { date: '2026-12-10' } },
        {
          send: { date: '2032-01-01' },
          keys: ['reentry:summary.beyondTitle', 'reentry:summary.noPeriodOfStay'],
          says: ['Wednesday, December 10, 2031.'],
        },
      ],
      { now },
    );
  });

  it('a special permanent resident: their longer limits from content, no computed dates', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:reentry' } },
        {
          send: { choice: 'special-permanent-resident' },
          state: 'done',
          keys: [
            'glossary:special-reentry.special-permanent-residents',
            'glossary:reentry-permit.special-permanent-residents',
            'reentry:summary.noDatesForSpecialPermanentResidents',
          ],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('reentry:summary.returnBy');
  });

  it('accepts typed answers and refuses dates before the departure', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:reentry' } },
        { send: '1', keys: ['reentry:askDeparture'] },
        { send: '2026/12/10', keys: ['reentry:askExpiry'] },
        { send: '2026-12-01', keys: ['common:invalidDate', 'reentry:askExpiry'] },
        { send: { date: '2026-12-01' }, keys: ['common:invalidAnswer', 'reentry:askExpiry'] },
        { send: '2028-03-31', keys: ['reentry:askReturn'] },
        { send: 'back', keys: ['reentry:askExpiry'] },
        { send: '2028-03-31', keys: ['reentry:askReturn'] },
        { send: '2027-06-01', state: 'done', keys: ['reentry:summary.specialTitle'] },
      ],
      { now },
    );
  });

  it('speaks French and Japanese', async () => {
    await runTranscript(
      withPeriodOfStay('2028-03-31', '2027-06-01', {
        says: ['Revenez au Japon au plus tard le vendredi 10 décembre 2027.'],
      }),
      { now, localeHint: 'fr' },
    );
    await runTranscript(
      withPeriodOfStay('2028-03-31', '2027-06-01', {
        says: ['2027年12月10日金曜日までに日本に戻ってください。'],
      }),
      { now, localeHint: 'ja' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = reentryDialog.createMachine({} as never);
    const context = { residency: 'period-of-stay', departure: '2026-12-10', expiry: '2028-03-31' };
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askReturn', context })));
    expect(restored.value).toBe('askReturn');
    expect(restored.context).toEqual(context);
  });
});
