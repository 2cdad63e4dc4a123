import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { extraActivityDialog } from '../../dialogs/extra-activity.ts';
import { content, runTranscript } from '../support/transcript.ts';

const now = '2026-11-25T10:00:00+09:00';

const common = [
  'glossary:procedure.extra-activity',
  'extra-activity:summary.where',
  'extra-activity:summary.withoutPermission',
  'glossary:document.passport',
  'glossary:document.residence-card',
  'glossary:document.extra-activity-application',
  'glossary:document.paid-activity-documents',
  'common:next.prompt',
];

describe('extra-activity dialog', () => {
  it('a student: the status does not allow work, permission first', async () => {
    const turns = await runTranscript(
      [
        {
          send: { choice: 'go:extra-activity' },
          keys: ['extra-activity:askSituation', 'glossary:status.student', 'glossary:status.dependent'],
          payloads: ['student', 'dependent', 'other', 'cmd:menu'],
        },
        {
          send: { choice: 'student' },
          state: 'done',
          keys: ['extra-activity:summary.statusDoesNotAllowWork', ...common],
          says: [
            'Your status, Student (留学), does not allow you to work.',
            'Be careful, this is a ground for deportation: Carrying out activities',
            'https://www.moj.go.jp/isa/applications/procedures/16-8.html',
          ],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('extra-activity:summary.unsure');
  });

  it('a dependant (typed label)', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:extra-activity' } },
        {
          send: 'Dependent (家族滞在)',
          state: 'done',
          keys: ['extra-activity:summary.statusDoesNotAllowWork', ...common],
          says: ['Your status, Dependent (家族滞在), does not allow you to work.'],
        },
      ],
      { now },
    );
  });

  it('another status (typed number): only activities outside it need permission', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:extra-activity' } },
        { send: { choice: 'trainee' }, keys: ['common:invalidAnswer', 'extra-activity:askSituation'] },
        {
          send: '3',
          state: 'done',
          keys: [
            'glossary:extra-activity.activities-outside-status',
            'extra-activity:summary.unsure',
            ...common,
          ],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('extra-activity:summary.statusDoesNotAllowWork');
  });

  it('speaks French and Japanese', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:extra-activity' } },
        { send: { choice: 'dependent' }, says: ['Votre statut, Personne à charge'] },
      ],
      { now, localeHint: 'fr' },
    );
    await runTranscript(
      [
        { send: { choice: 'go:extra-activity' } },
        { send: { choice: 'student' }, says: ['あなたの在留資格「留学'] },
      ],
      { now, localeHint: 'ja' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = extraActivityDialog.createMachine(content);
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askSituation', context: {} })));
    expect(restored.value).toBe('askSituation');
    const [next] = transition(machine, restored, { type: 'CHOICE', value: 'dependent', today: '2026-11-25' });
    expect(next.context).toEqual({ situation: 'dependent' });
  });
});
