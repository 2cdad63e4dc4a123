import { describe, expect, it } from 'vitest';
import { permanentResidenceDialog } from '../../dialogs/permanent-residence.ts';
import { runTranscript } from '../support/transcript.ts';

const now = '2026-11-25T10:00:00+09:00';

describe('permanent-residence dialog', () => {
  it('adult applicant: who it is for, what it gives, all documents with the photo, the official page', async () => {
    const turns = await runTranscript(
      [
        {
          send: { choice: 'go:permanent-residence' },
          keys: ['permanent-residence:askUnder16'],
          payloads: ['yes', 'no', 'cmd:menu', 'cmd:human'],
        },
        {
          send: { choice: 'no' },
          state: 'done',
          keys: [
            'glossary:procedure.permanent-residence',
            'glossary:permanent-residence.wishing-to-stay-permanently',
            'permanent-residence:summary.whatItGives',
            'glossary:permanent-residence.any-activity',
            'glossary:permanent-residence.no-time-limit',
            'glossary:permanent-residence.no-extension-or-change',
            'permanent-residence:summary.where',
            'glossary:document.passport',
            'glossary:document.residence-card',
            'glossary:document.photo',
            'glossary:document.permanent-residence-application',
            'glossary:document.other-documents',
            'common:next.prompt',
          ],
          says: ['https://www.moj.go.jp/isa/applications/procedures/16-4.html'],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('permanent-residence:summary.noPhotoUnder16');
  });

  it('applicant under 16 (typed answer): no photo', async () => {
    const turns = await runTranscript(
      [
        { send: { choice: 'go:permanent-residence' } },
        {
          send: 'yes',
          state: 'done',
          keys: ['permanent-residence:summary.noPhotoUnder16', 'glossary:document.passport'],
        },
      ],
      { now },
    );
    expect(turns.at(-1)?.keys).not.toContain('glossary:document.photo');
  });

  it('speaks Japanese and French', async () => {
    await runTranscript(
      [{ send: { choice: 'go:permanent-residence' } }, { send: 'いいえ', says: ['永住許可を受けると：'] }],
      { now, localeHint: 'ja' },
    );
    await runTranscript(
      [
        { send: { choice: 'go:permanent-residence' } },
        { send: 'non', says: ['Si la résidence permanente est accordée :'] },
      ],
      { now, localeHint: 'fr' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = permanentResidenceDialog.createMachine({} as never);
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askUnder16', context: {} })));
    expect(restored.value).toBe('askUnder16');
    expect(restored.context).toEqual({});
  });
});
