import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { notifyChangeDialog } from '../../dialogs/notify-change.ts';
import { content, runTranscript } from '../support/transcript.ts';

// A Wednesday.
const now = '2026-11-25T10:00:00+09:00';

const ways = ['notify-change:summary.ways', 'common:summary.bullet', 'notify-change:summary.onlineLink'];
const onlinePage = 'https://www.moj.go.jp/isa/publications/materials/i-ens_index.html';

describe('notify-change dialog', () => {
  it('a student who left the school: the accepting-organisation notification, due 14 days later', async () => {
    // Left on Fri 20 Nov 2026; the day itself is not counted → Fri 4 Dec.
    const turns = await runTranscript(
      [
        {
          send: { choice: 'go:notify-change' },
          keys: [
            'notify-change:askTable',
            'notify-change:table.host-organization',
            'notify-change:table.none',
          ],
          payloads: ['host-organization', 'contracting-organization', 'spouse', 'none', 'cmd:human'],
        },
        {
          send: { choice: 'host-organization' },
          keys: ['notify-change:askStatus', 'glossary:status.student', 'glossary:status.professor'],
          payloads: ['student', 'trainee', 'highly-skilled-professional-ii', 'cmd:back'],
        },
        {
          send: { choice: 'student' },
          keys: ['notify-change:askChange', 'glossary:notify-item.left-host'],
          payloads: ['host-name-changed', 'left-host', 'transferred-from-host'],
        },
        { send: { choice: 'left-host' }, keys: ['notify-change:askChanged'] },
        {
          send: { date: '2026-11-20' },
          state: 'done',
          keys: [
            'glossary:notification.host-organization',
            'notify-change:summary.yourStatus',
            'notify-change:summary.whatToNotify',
            'glossary:notify-change.within-14-days',
            'notify-change:summary.notifyBy',
            'common:deadline.daysLeft',
            ...ways,
            'common:summary.officialPage',
            'common:next.prompt',
          ],
          says: [
            'Your status: Student (留学).',
            'What to notify: You left the accepting organisation.',
            'Notify by Friday, December 4, 2026.',
            '9 days left.',
            '• By post',
            '• Online',
            'https://www.moj.go.jp/isa/applications/procedures/nyuukokukanri10_00014.html',
            onlinePage,
          ],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('notify-change:summary.onlyWhen');
  });

  it('a status under a condition, a contract, a due date moved off the year-end closure', async () => {
    // Contract ends Sun 20 Dec 2026 → 3 Jan 2027 (closed: 29 Dec–3 Jan) → Mon 4 Jan.
    await runTranscript(
      [
        { send: { choice: 'go:notify-change' } },
        { send: { choice: 'contracting-organization' }, payloads: ['researcher', 'entertainer'] },
        { send: { choice: 'entertainer' }, payloads: ['contract-ended', 'new-contract'] },
        { send: { choice: 'contract-ended' } },
        {
          send: { date: '2026-12-20' },
          keys: [
            'glossary:notification.contracting-organization',
            'notify-change:summary.onlyWhen',
            'common:deadline.moved',
          ],
          says: ['Note: only for activities under a contract', 'Notify by Monday, January 4, 2027.'],
        },
      ],
      { now },
    );
  });

  it('a spouse, typed answers, an overdue notification', async () => {
    // Divorce on 26 Oct 2026 → 9 Nov (CONTENT-NOTES worked example), 16 days ago.
    await runTranscript(
      [
        { send: { choice: 'go:notify-change' } },
        { send: '3', keys: ['notify-change:askStatus', 'glossary:status.dependent'] },
        { send: { choice: 'professor' }, keys: ['common:invalidAnswer', 'notify-change:askStatus'] },
        { send: '2', keys: ['notify-change:askChange'], payloads: ['divorce', 'spouse-died'] },
        { send: 'Divorce', keys: ['notify-change:askChanged'] },
        {
          send: '2026/10/26',
          state: 'done',
          keys: ['glossary:notification.spouse', 'notify-change:summary.onlyWhen', 'common:deadline.overdue'],
          says: ['Notify by Monday, November 9, 2026.', 'This was due 16 days ago.'],
        },
      ],
      { now },
    );
  });

  it('a status in none of the tables: no notification, the three official pages', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:notify-change' } },
        {
          send: { choice: 'none' },
          state: 'done',
          keys: [
            'glossary:notify-change.statuses-in-tables',
            'notify-change:summary.noneApplies',
            'glossary:notification.host-organization',
            'glossary:notification.contracting-organization',
            'glossary:notification.spouse',
          ],
          says: ['https://www.moj.go.jp/isa/applications/procedures/nyuukokukanri10_00016.html'],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('notify-change:summary.notifyBy');
  });

  it('speaks French and Japanese', async () => {
    const path = [
      { send: { choice: 'go:notify-change' } },
      { send: { choice: 'spouse' } },
      { send: { choice: 'dependent' } },
      { send: { choice: 'spouse-died' } },
    ];
    await runTranscript(
      [
        ...path,
        {
          send: { date: '2026-11-20' },
          says: ['Faites la notification au plus tard le vendredi 4 décembre 2026.'],
        },
      ],
      { now, localeHint: 'fr' },
    );
    await runTranscript(
      [...path, { send: { date: '2026-11-20' }, says: ['2026年12月4日金曜日までに届け出てください。'] }],
      {
        now,
        localeHint: 'ja',
      },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = notifyChangeDialog.createMachine(content);
    const context = { table: 'spouse', status: 'dependent' };
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askChange', context })));
    expect(restored.value).toBe('askChange');
    expect(restored.context).toEqual(context);
    // The restored machine still checks the change against the chosen table.
    const [same] = transition(machine, restored, { type: 'CHOICE', value: 'left-host', today: '2026-11-25' });
    expect(same.value).toBe('askChange');
  });
});
