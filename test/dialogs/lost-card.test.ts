import { describe, expect, it } from 'vitest';
import { lostCardDialog } from '../../dialogs/lost-card.ts';
import { runTranscript } from '../support/transcript.ts';

// A Wednesday. 14 days after 20 Nov 2026 (Civil Code art. 140: the first day is not counted).
const now = '2026-11-25T10:00:00+09:00';

describe('lost-card dialog', () => {
  it('lost in Japan, adult: 14 days from noticing, proof from the police, photo needed', async () => {
    await runTranscript(
      [
        {
          send: { choice: 'go:lost-card' },
          keys: ['lost-card:askCause'],
          payloads: ['lost', 'stolen', 'disaster'],
        },
        {
          send: { choice: 'lost' },
          keys: ['lost-card:askNoticed'],
          payloads: ['cmd:back'],
          state: 'askNoticed',
        },
        { send: { date: '2026-11-20' }, keys: ['lost-card:askAbroad'], payloads: ['yes', 'no'] },
        { send: { choice: 'no' }, keys: ['lost-card:askUnder16'] },
        {
          send: { choice: 'no' },
          state: 'done',
          keys: [
            'lost-card:summary.title',
            'lost-card:summary.cause.lost',
            'lost-card:summary.countedFromNoticed',
            'lost-card:summary.dueBy',
            'common:deadline.daysLeft',
            'glossary:document.passport',
            'glossary:document.photo',
            'glossary:document-variant.loss-certificate',
            'glossary:document.reissue-application',
            'common:next.prompt',
          ],
          says: ['Apply for a new card by Friday, December 4, 2026.', '9 days left.'],
        },
      ],
      { now },
    );
  });

  it('stolen, child under 16: no photo, the theft report as proof', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:lost-card' } },
        { send: { choice: 'stolen' } },
        { send: { date: '2026-11-24' } },
        { send: { choice: 'no' } },
        {
          send: { choice: 'yes' },
          keys: [
            'lost-card:summary.cause.stolen',
            'glossary:document-variant.theft-report',
            'lost-card:summary.noPhotoUnder16',
          ],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('glossary:document.photo');
  });

  it('noticed abroad: the 14 days run from re-entry, and a closed-day due date moves', async () => {
    // Re-entry on 20 Dec 2026 → legal day 3 Jan 2027 (year-end closure) → next open day 4 Jan.
    await runTranscript(
      [
        { send: { choice: 'go:lost-card' } },
        { send: { choice: 'disaster' } },
        { send: { date: '2026-11-10' } },
        { send: { choice: 'yes' }, keys: ['lost-card:abroadRule', 'lost-card:askReentered'] },
        { send: { date: '2026-12-20' } },
        {
          send: { choice: 'no' },
          keys: [
            'lost-card:summary.countedFromReentry',
            'common:deadline.moved',
            'glossary:document-variant.disaster-victim-certificate',
          ],
          says: ['Apply for a new card by Monday, January 4, 2027.', 'Sunday, January 3, 2027'],
        },
      ],
      { now },
    );
  });

  it('overdue and due today are said plainly', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:lost-card' } },
        { send: { choice: 'lost' } },
        { send: { date: '2026-11-01' } },
        { send: { choice: 'no' } },
        // 1 Nov + 14 days = Sunday 15 Nov → Monday 16 Nov, 9 days ago.
        {
          send: { choice: 'no' },
          keys: ['common:deadline.moved', 'common:deadline.overdue'],
          says: ['This was due 9 days ago.'],
        },
      ],
      { now },
    );
    // 11 Nov + 14 days = 25 Nov, today.
    await runTranscript(
      [
        { send: { choice: 'go:lost-card' } },
        { send: { choice: 'lost' } },
        { send: { date: '2026-11-11' } },
        { send: { choice: 'no' } },
        { send: { choice: 'no' }, keys: ['common:deadline.today'] },
      ],
      { now },
    );
  });

  it('accepts typed answers and re-asks on impossible ones', async () => {
    await runTranscript(
      [
        { send: 'I lost my residence card', keys: ['lost-card:askCause'] },
        { send: '2', keys: ['lost-card:askNoticed'] },
        { send: '2026-12-01', keys: ['common:invalidDate', 'lost-card:askNoticed'] },
        { send: '2026/11/20', keys: ['lost-card:askAbroad'] },
        { send: 'yes', keys: ['lost-card:askReentered'] },
        { send: { date: '2026-11-19' }, keys: ['common:invalidAnswer', 'lost-card:askReentered'] },
        { send: 'back', keys: ['lost-card:askAbroad'] },
        { send: 'no', keys: ['lost-card:askUnder16'] },
      ],
      { now },
    );
  });

  it('speaks French with the official terms', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:lost-card' } },
        { send: { choice: 'lost' } },
        { send: { date: '2026-11-20' } },
        { send: { choice: 'no' } },
        {
          send: { choice: 'no' },
          says: ['Demandez une nouvelle carte au plus tard le vendredi 4 décembre 2026.', 'Passeport'],
        },
      ],
      { now, localeHint: 'fr' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = lostCardDialog.createMachine({} as never);
    const restored = machine.resolveState(
      JSON.parse(
        JSON.stringify({
          value: 'askUnder16',
          context: { cause: 'stolen', noticed: '2026-11-20', abroad: false },
        }),
      ),
    );
    expect(restored.value).toBe('askUnder16');
    expect(restored.context).toEqual({ cause: 'stolen', noticed: '2026-11-20', abroad: false });
  });
});
