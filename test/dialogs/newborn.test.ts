import { describe, expect, it } from 'vitest';
import { newbornDialog } from '../../dialogs/newborn.ts';
import { runTranscript } from '../support/transcript.ts';

// A Wednesday.
const now = '2026-11-25T10:00:00+09:00';

describe('newborn dialog', () => {
  it('child staying in Japan: birth notification, then the application, and the 60-day limit', async () => {
    // Born Fri 20 Nov 2026. Birth notification: 14 days counting the birth day → Thu 3 Dec.
    // Application: 30 days, the birth day not counted → Sun 20 Dec → next open day Mon 21 Dec.
    // 60 days → Tue 19 Jan 2027, never moved.
    const turns = await runTranscript(
      [
        {
          send: { choice: 'go:newborn' },
          keys: ['newborn:askBirth'],
          payloads: ['cmd:menu', 'cmd:human'],
          state: 'askBirth',
        },
        {
          send: { date: '2026-11-20' },
          keys: ['newborn:askLeaving'],
          payloads: ['yes', 'no', 'cmd:back'],
          says: ['by Tuesday, January 19, 2027?'],
        },
        {
          send: { choice: 'no' },
          state: 'done',
          keys: [
            'glossary:procedure.newborn',
            'glossary:newborn.declare-birth-first',
            'newborn:summary.notifyBirthBy',
            'newborn:summary.applyBy',
            'common:deadline.moved',
            'newborn:summary.stayUntil',
            'glossary:newborn.new-card-if-granted',
            'common:summary.documentWithCondition',
            'glossary:document.acquisition-application',
            'glossary:document.birth-certificate',
            'glossary:document.certificate-of-residence',
            'common:next.prompt',
          ],
          says: [
            'Notify the birth to your municipal office by Thursday, December 3, 2026',
            '8 days left.',
            'by Monday, December 21, 2026.',
            'Sunday, December 20, 2026',
            '26 days left.',
            'only until Tuesday, January 19, 2027.',
            '55 days left.',
            'https://www.moj.go.jp/isa/applications/procedures/16-10.html',
            'Passport (旅券・パスポート) (if one has already been issued)',
            '(活動内容を明らかにする資料) (for the child)',
          ],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('newborn:summary.sixtyDaysOver');
  });

  it('child leaving Japan within 60 days: no application, but the birth is still notified', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:newborn' } },
        { send: { date: '2026-11-20' } },
        {
          send: { choice: 'yes' },
          state: 'done',
          keys: [
            'newborn:summary.leavingTitle',
            'newborn:summary.leaveBy',
            'newborn:summary.noApplicationIfLeaving',
            'glossary:newborn.apply-within-30-days',
            'newborn:summary.notifyBirthBy',
          ],
          says: ['leave Japan by Tuesday, January 19, 2027.', 'within 60 days of the birth'],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('glossary:document.acquisition-application');
  });

  it('more than 60 days after the birth: straight to the answer, overdue, with a person to contact', async () => {
    // Born 1 Sep 2026: 60 days → 31 Oct, 25 days ago; the application was due 1 Oct.
    const turns = await runTranscript(
      [
        { send: { choice: 'go:newborn' } },
        {
          send: { date: '2026-09-01' },
          state: 'done',
          keys: ['newborn:summary.sixtyDaysOver', 'common:deadline.overdue', 'common:nav.human'],
          says: ['This was due 55 days ago.'],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('newborn:askLeaving');
  });

  it('accepts typed answers and refuses a birth in the future', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:newborn' } },
        { send: '2026-11-30', keys: ['common:invalidDate', 'newborn:askBirth'] },
        { send: { date: '2026-11-30' }, keys: ['common:invalidAnswer', 'newborn:askBirth'] },
        { send: '2026/11/20', keys: ['newborn:askLeaving'] },
        { send: 'no', state: 'done', keys: ['newborn:summary.applyBy'] },
      ],
      { now },
    );
  });

  it('speaks French and Japanese', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:newborn' } },
        { send: { date: '2026-11-20' } },
        {
          send: 'non',
          says: ['Déclarez la naissance à votre bureau municipal au plus tard le jeudi 3 décembre 2026'],
        },
      ],
      { now, localeHint: 'fr' },
    );
    await runTranscript(
      [
        { send: { choice: 'go:newborn' } },
        { send: { date: '2026-11-20' } },
        { send: 'はい', says: ['2027年1月19日火曜日までに子どもが日本を出国してください。'] },
      ],
      { now, localeHint: 'ja' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = newbornDialog.createMachine({} as never);
    const snapshot = { value: 'askLeaving', context: { birth: '2026-11-20' } };
    const restored = machine.resolveState(JSON.parse(JSON.stringify(snapshot)));
    expect(restored.value).toBe('askLeaving');
    expect(restored.context).toEqual({ birth: '2026-11-20' });
  });
});
