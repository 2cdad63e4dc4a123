import { describe, expect, it } from 'vitest';
import { refugeeDialog } from '../../dialogs/refugee.ts';
import { runTranscript } from '../support/transcript.ts';

const APPLICATION_PAGE = 'https://www.moj.go.jp/isa/applications/procedures/nanmin_tetuduki_00001.html';
const REVIEW_PAGE = 'https://www.moj.go.jp/isa/applications/guide/nanmin_tetuduki.html';

describe('refugee dialog', () => {
  it('what is a refugee: the definition, the conventions, the application page, a person', async () => {
    const [, done] = await runTranscript([
      {
        send: { choice: 'go:refugee' },
        keys: ['refugee:askNeed'],
        payloads: ['what', 'apply', 'refused', 'cmd:menu', 'cmd:human'],
      },
      {
        send: { choice: 'what' },
        state: 'done',
        keys: [
          'refugee:summary.title.what',
          'glossary:refugee.definition',
          'glossary:refugee.convention-and-protocol',
          'refugee:summary.next.what',
          'common:summary.talkToPerson',
          'common:next.prompt',
        ],
        payloads: ['cmd:human'],
        says: ['Tap "Talk to a person" below'],
      },
    ]);
    expect(JSON.stringify(done?.messages)).toContain(APPLICATION_PAGE);
    expect(JSON.stringify(done?.messages)).not.toContain(REVIEW_PAGE);
  });

  it('apply: who can, what recognition brings, both application pages', async () => {
    const [, done] = await runTranscript([
      { send: { choice: 'go:refugee' } },
      {
        send: { choice: 'apply' },
        keys: [
          'refugee:summary.title.apply',
          'glossary:refugee.foreign-nationals-in-japan',
          'glossary:refugee.certificate-and-long-term-status',
          'glossary:refugee.travel-document',
          'glossary:refugee.settlement-support',
          'common:summary.talkToPerson',
        ],
      },
    ]);
    const links = done?.messages.flatMap((m) => (m.kind === 'card' ? m.buttons : []));
    // The summary's official pages (the help lines' cards that follow carry call buttons only).
    expect(links?.flatMap((b) => (b.kind === 'link' ? [b.url] : []))).toEqual([
      APPLICATION_PAGE,
      'https://www.moj.go.jp/isa/applications/procedures/16-6.html',
    ]);
  });

  it('refused: the administrative review, the counsellors, the review page, a person', async () => {
    const [, done] = await runTranscript([
      { send: { choice: 'go:refugee' } },
      {
        send: { choice: 'refused' },
        keys: [
          'refugee:summary.title.refused',
          'glossary:refugee.administrative-review',
          'glossary:refugee.review-counsellors',
          'glossary:link-topic.refugee-review',
          'common:summary.talkToPerson',
        ],
      },
    ]);
    expect(JSON.stringify(done?.messages)).toContain(REVIEW_PAGE);
  });

  it('accepts typed answers by number and label, in Japanese too', async () => {
    await runTranscript([
      { send: { choice: 'go:refugee' } },
      { send: { choice: 'stale' }, keys: ['common:invalidAnswer', 'refugee:askNeed'] },
      { send: '3', keys: ['refugee:summary.title.refused'] },
    ]);
    await runTranscript(
      [
        { send: { choice: 'go:refugee' } },
        { send: '申請したい', keys: ['refugee:summary.title.apply'], says: ['相談員と話す'] },
      ],
      { localeHint: 'ja' },
    );
  });

  it('speaks French with the official terms', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:refugee' } },
        {
          send: { choice: 'refused' },
          says: ["Demande d'examen administratif", 'Touchez « Parler à une personne »'],
        },
      ],
      { localeHint: 'fr' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = refugeeDialog.createMachine({} as never);
    const restored = machine.resolveState(
      JSON.parse(JSON.stringify({ value: 'done', context: { need: 'apply' } })),
    );
    expect(restored.value).toBe('done');
    expect(restored.context).toEqual({ need: 'apply' });
  });
});
