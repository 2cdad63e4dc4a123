import { describe, expect, it } from 'vitest';
import { changeStatusDialog } from '../../dialogs/change-status.ts';
import { runTranscript } from '../support/transcript.ts';

// A Wednesday.
const now = '2026-11-25T10:00:00+09:00';

describe('change-status dialog', () => {
  it('before expiry: apply by the expiry date, documents, forms and the search by status', async () => {
    const turns = await runTranscript(
      [
        {
          send: { choice: 'go:change-status' },
          keys: ['glossary:change-status.changing-purpose', 'change-status:askExpiry'],
        },
        {
          send: { date: '2027-03-15' },
          state: 'done',
          keys: [
            'change-status:summary.title',
            'common:stay.applyBy',
            'common:deadline.daysLeft',
            // The stay's length is not asked: the special-period rule is stated with its 30-day exception.
            'glossary:period-of-stay.special-period',
            'glossary:period-of-stay.overstay-one-day',
            'glossary:change-status.new-card-if-granted',
            'common:summary.where',
            'change-status:summary.searchByStatus',
            'glossary:link-topic.search-by-status',
            'glossary:document.change-application',
            'glossary:document.planned-activities',
            'common:next.prompt',
          ],
          says: [
            'Your period of stay ends on Monday, March 15, 2027',
            '110 days left.',
            'Search by status of residence',
          ],
        },
      ],
      { now },
    );
    const links = turns.at(-1)?.messages.flatMap((m) => (m.kind === 'card' ? m.buttons : []));
    expect(links?.map((b) => (b.kind === 'link' ? b.url : ''))).toEqual([
      'https://www.moj.go.jp/isa/applications/status/index.html',
      'https://www.moj.go.jp/isa/applications/procedures/16-2-1.html',
      'https://www.moj.go.jp/isa/applications/procedures/16-2.html',
    ]);
  });

  it('expiry on a closed day: file by the last open day', async () => {
    // Saturday 20 Feb 2027 → Friday 19 Feb.
    await runTranscript(
      [
        { send: { choice: 'go:change-status' } },
        {
          send: '2027-02-20',
          keys: ['common:stay.lastOpenDay', 'glossary:period-of-stay.expiry-on-closed-day'],
          says: ['apply by Friday, February 19, 2027'],
        },
      ],
      { now },
    );
  });

  it('already expired: contact a person now', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:change-status' } },
        {
          send: { date: '2026-11-24' },
          keys: ['change-status:summary.expiredTitle', 'common:stay.expired', 'common:stay.contactNow'],
          payloads: ['cmd:human'],
          says: ['1 day ago.'],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('common:summary.documents');
  });

  it('speaks French', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:change-status' } },
        {
          send: '15/03/2027',
          says: ['Recherche par statut de résidence', 'Formulaire de demande de changement'],
        },
      ],
      { now, localeHint: 'fr' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = changeStatusDialog.createMachine({} as never);
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askExpiry', context: {} })));
    expect(restored.value).toBe('askExpiry');
    expect(restored.context).toEqual({});
  });
});
