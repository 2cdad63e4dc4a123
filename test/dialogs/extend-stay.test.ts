import { describe, expect, it } from 'vitest';
import { extendStayDialog, STAY_MONTHS } from '../../dialogs/extend-stay.ts';
import { runTranscript } from '../support/transcript.ts';

// A Wednesday.
const now = '2026-11-25T10:00:00+09:00';

describe('extend-stay dialog', () => {
  it('a stay of 6 months or more: window from about 3 months before, special period, documents', async () => {
    // Expiry 15 Mar 2027 (Monday): apply from ~15 Dec 2026; special period to 15 May 2027 (Civil Code 143).
    const turns = await runTranscript(
      [
        { send: { choice: 'go:extend-stay' }, keys: ['extend-stay:askExpiry'] },
        {
          send: { date: '2027-03-15' },
          keys: ['extend-stay:askStayLength'],
          payloads: Object.keys(STAY_MONTHS),
        },
        {
          send: { choice: 'six-months-or-more' },
          state: 'done',
          keys: [
            'extend-stay:summary.title',
            'extend-stay:summary.applyFrom',
            'common:stay.applyBy',
            'common:deadline.daysLeft',
            'common:stay.specialPeriodUntil',
            'glossary:period-of-stay.overstay-one-day',
            'glossary:extend-stay.new-card-if-granted',
            'common:summary.where',
            'common:summary.documents',
            'glossary:document.extension-application',
            'glossary:document.planned-activities',
            'common:next.prompt',
          ],
          says: [
            'You can apply from about Tuesday, December 15, 2026',
            'Your period of stay ends on Monday, March 15, 2027',
            '110 days left.',
            'until the decision or Saturday, May 15, 2027 at the latest',
            'even one day beyond your period of stay',
          ],
        },
      ],
      { now },
    );
    const links = turns.at(-1)?.messages.flatMap((m) => (m.kind === 'card' ? m.buttons : []));
    expect(links?.map((b) => (b.kind === 'link' ? b.url : ''))).toEqual([
      'https://www.moj.go.jp/isa/applications/procedures/16-3-1.html',
      'https://www.moj.go.jp/isa/applications/procedures/16-3.html',
    ]);
    expect(turns.at(-1)?.keys).not.toContain('common:stay.lastOpenDay');
  });

  it('already in the window: apply now', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:extend-stay' } },
        { send: { date: '2027-01-15' } },
        { send: { choice: 'six-months-or-more' }, keys: ['extend-stay:summary.canApplyNow'] },
      ],
      { now },
    );
  });

  it('less than 6 months, expiry on a closed day: no early window, file by the last open day', async () => {
    // 3 Jan 2027 is in the year-end closure → last open day Monday 28 Dec 2026; the stay is not extended.
    await runTranscript(
      [
        { send: { choice: 'go:extend-stay' } },
        { send: { date: '2027-01-03' } },
        {
          send: { choice: 'less-than-six-months' },
          keys: [
            'extend-stay:summary.noEarlyWindow',
            'common:stay.lastOpenDay',
            'glossary:period-of-stay.expiry-on-closed-day',
            'common:stay.specialPeriodUntil',
          ],
          says: ['apply by Monday, December 28, 2026', 'Wednesday, March 3, 2027'],
        },
      ],
      { now },
    );
  });

  it('30 days or less: no special period', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:extend-stay' } },
        { send: { date: '2026-12-10' } },
        { send: { choice: 'thirty-days-or-less' }, keys: ['common:stay.noSpecialPeriod'] },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('common:stay.specialPeriodUntil');
  });

  it('not sure of the length: the early window is given with its condition', async () => {
    // Expiry Saturday 20 Feb 2027 → ~20 Nov 2026 (already passed) and last open day Friday 19 Feb.
    await runTranscript(
      [
        { send: { choice: 'go:extend-stay' } },
        { send: { date: '2027-02-20' } },
        {
          send: { choice: 'not-sure' },
          keys: [
            'extend-stay:summary.applyFromIfLong',
            'common:stay.lastOpenDay',
            'glossary:period-of-stay.special-period',
          ],
          says: [
            'If your period of stay is 6 months or longer, you can apply from about Friday, November 20, 2026.',
          ],
        },
      ],
      { now },
    );
  });

  it('expiry today: due today, still in time', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:extend-stay' } },
        { send: { date: '2026-11-25' }, keys: ['extend-stay:askStayLength'] },
        {
          send: { choice: 'six-months-or-more' },
          keys: ['common:deadline.today', 'extend-stay:summary.title'],
        },
      ],
      { now },
    );
  });

  it('already expired: no more questions, contact a person now, overstay warning', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:extend-stay' } },
        {
          send: '2026-11-20',
          state: 'done',
          keys: [
            'extend-stay:summary.expiredTitle',
            'common:stay.expired',
            'common:stay.contactNow',
            'glossary:period-of-stay.overstay-one-day',
          ],
          payloads: ['cmd:human'],
          says: ['Your period of stay ended on Friday, November 20, 2026, 5 days ago.'],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('common:summary.documents');
  });

  it('accepts typed answers and speaks Japanese', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:extend-stay' } },
        { send: '2027/03/15', keys: ['extend-stay:askStayLength'] },
        { send: '1', says: ['在留期間の更新を申請する', '2027年5月15日'] },
      ],
      { now, localeHint: 'ja' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = extendStayDialog.createMachine({} as never);
    const context = { expiry: '2027-03-15' };
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askStayLength', context })));
    expect(restored.value).toBe('askStayLength');
    expect(restored.context).toEqual(context);
  });
});
