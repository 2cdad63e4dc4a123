import { describe, expect, it } from 'vitest';
import { dialogHarness, runTranscript } from '../support/transcript.ts';

describe('choosing the language', () => {
  it('detects the language of the first clear free-text message', async () => {
    const [turn] = await runTranscript([
      { send: "j'ai perdu ma carte de séjour", keys: ['lost-card:askCause'] },
    ]);
    expect(turn?.language).toBe('fr');
  });

  it('does not flip on a short reply, nor after the first detection', async () => {
    const turns = await runTranscript([
      { send: 'ok' },
      { send: 'Je ne trouve plus ma carte de résidence' },
      { send: 'What documents do I need to renew my visa?' },
    ]);
    expect(turns.map((turn) => turn.language)).toEqual(['en', 'fr', 'fr']);
  });

  it("never overrides a language the user chose, nor the channel's locale", async () => {
    const chosen = await runTranscript([
      { send: { choice: 'lang:ja' } },
      { send: 'Je ne trouve plus ma carte de résidence' },
    ]);
    expect(chosen.at(-1)?.language).toBe('ja');
    const hinted = await runTranscript([{ send: 'Je ne trouve plus ma carte de résidence' }], {
      localeHint: 'ja-JP',
    });
    expect(hinted[0]?.language).toBe('ja');
  });

  it('keeps the language a channel gave once (a LINE profile on follow) over later detection', async () => {
    const { send } = dialogHarness();
    expect((await send({ follow: true }, { localeHint: 'vi' })).language).toBe('vi');
    expect((await send('What documents do I need to renew my visa?')).language).toBe('vi');
  });

  it('answers a language we lack in English with the language menu', async () => {
    const [turn] = await runTranscript([
      {
        send: 'Ich habe meine Aufenthaltskarte verloren, was soll ich tun?',
        keys: ['common:unsupportedLanguage', 'common:language.prompt'],
        payloads: ['lang:en', 'lang:fr', 'lang:ja'],
      },
    ]);
    expect(turn?.language).toBe('en');
  });
});
