import { describe, expect, it } from 'vitest';
import { CHANNELS_BY_TOPIC, isaInfoDialog } from '../../dialogs/isa-info.ts';
import type { Turn } from '../support/harness.ts';
import { content, runTranscript } from '../support/transcript.ts';

const linksIn = (turn: Turn | undefined) =>
  (turn?.messages ?? [])
    .flatMap((m) => (m.kind === 'card' ? m.buttons : []))
    .flatMap((b) => (b.kind === 'link' ? [b.url] : []));

describe('isa-info dialog', () => {
  it('offers every channel that content lists for it under some topic', () => {
    const offered = Object.values(CHANNELS_BY_TOPIC).flat().sort();
    expect(offered).toEqual([...content.procedures['isa-info'].details.channels].sort());
  });

  it('guidance: the website and the guidebook, as link buttons', async () => {
    const [, done] = await runTranscript([
      {
        send: { choice: 'go:isa-info' },
        keys: ['isa-info:askTopic'],
        payloads: ['guidance', 'news', 'crowding', 'cmd:menu', 'cmd:human'],
      },
      {
        send: { choice: 'guidance' },
        state: 'done',
        keys: ['isa-info:summary.title.guidance', 'glossary:channel.website', 'glossary:channel.guidebook'],
        says: ['machine-translated into more than 100 languages'],
      },
    ]);
    expect(linksIn(done)).toEqual([
      'https://www.moj.go.jp/isa/index.html',
      'https://www.moj.go.jp/isa/guidebook_all.html',
    ]);
  });

  it('news: X, Facebook and the e-mail service', async () => {
    const [, done] = await runTranscript([
      { send: { choice: 'go:isa-info' } },
      {
        send: { choice: 'news' },
        keys: ['glossary:channel.x', 'glossary:channel.facebook', 'glossary:channel.mail-service'],
      },
    ]);
    expect(linksIn(done)).toEqual([
      'https://twitter.com/MOJ_IMMI',
      'https://www.facebook.com/ImmigrationServicesAgency.MOJ/',
      'https://www.moj.go.jp/isa/about/pr/mail-service.html',
    ]);
  });

  it("crowding: the regional bureaus' accounts, typed by label", async () => {
    const [, done] = await runTranscript([
      { send: { choice: 'go:isa-info' } },
      {
        send: 'how crowded the counters are',
        state: 'done',
        keys: ['isa-info:summary.title.crowding', 'glossary:channel.regional-x-accounts'],
        says: ["Regional bureaus' X accounts: How crowded each bureau's counters are."],
      },
    ]);
    expect(linksIn(done)).toEqual(['https://www.moj.go.jp/isa/about/pr/index.html']);
  });

  it('speaks French and Japanese', async () => {
    await runTranscript(
      [{ send: { choice: 'go:isa-info' } }, { send: '3', says: ['Le niveau de fréquentation des guichets'] }],
      { localeHint: 'fr' },
    );
    await runTranscript(
      [{ send: { choice: 'go:isa-info' } }, { send: '手続の案内', says: ['出入国在留管理庁ホームページ'] }],
      { localeHint: 'ja' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = isaInfoDialog.createMachine(content);
    const restored = machine.resolveState(
      JSON.parse(JSON.stringify({ value: 'done', context: { topic: 'news' } })),
    );
    expect(restored.value).toBe('done');
    expect(restored.context).toEqual({ topic: 'news' });
  });
});
