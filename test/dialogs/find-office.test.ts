import { describe, expect, it } from 'vitest';
import { bureauForPrefecture } from '../../content/index.ts';
import { findOfficeDialog } from '../../dialogs/find-office.ts';
import type { Turn } from '../support/harness.ts';
import { content, runTranscript } from '../support/transcript.ts';

const { jurisdictions } = content.directory;
const callsIn = (turn: Turn | undefined) =>
  (turn?.messages ?? [])
    .flatMap((m) => (m.kind === 'card' ? m.buttons : []))
    .flatMap((b) => (b.kind === 'call' ? [b.tel] : []));

describe('find-office dialog', () => {
  it('offers one region per regional bureau, never 47 buttons', async () => {
    const [first] = await runTranscript([
      {
        send: { choice: 'go:find-office' },
        state: 'askRegion',
        keys: ['find-office:askRegion', 'find-office:region.tokyo-bureau'],
        payloads: [...jurisdictions.map((j) => j.bureau), 'cmd:menu', 'cmd:human'],
      },
    ]);
    expect(first?.payloads).not.toContain('tokyo');
  });

  it('Kanagawa: the Yokohama district office first, both its lines, then the Tokyo bureau and the Information Center', async () => {
    const turns = await runTranscript([
      { send: { choice: 'go:find-office' } },
      {
        send: { choice: 'tokyo-bureau' },
        state: 'askPrefecture',
        keys: ['find-office:askPrefecture', 'glossary:prefecture.kanagawa'],
        payloads: ['tokyo', 'kanagawa', 'niigata', 'cmd:back'],
      },
      {
        send: { choice: 'kanagawa' },
        state: 'done',
        keys: [
          'find-office:summary.title',
          'find-office:summary.districtOffice',
          'find-office:address',
          'find-office:summary.callFromAbroad',
          'glossary:office.tokyo-bureau',
          'glossary:office.information-center',
          'common:next.prompt',
        ],
        says: [
          'In Kanagawa (神奈川県), the Yokohama District Office (横浜支局) serves you on behalf of the Tokyo Regional',
          'Address: 10-7 Torihama-cho, Kanazawa-ku, Yokohama-shi Kanagawa 236-0002',
          'Telephone: 0570-045259',
          'From an IP phone or from abroad: 045-769-1729',
        ],
      },
    ]);
    expect(callsIn(turns.at(-1))).toEqual([
      'tel:0570045259',
      'tel:+81457691729',
      'tel:0570034259',
      'tel:+81357967234',
      'tel:0570013904',
      'tel:+81357967112',
    ]);
  });

  it('Hokkaido is a region of one prefecture: no second question', async () => {
    const [, done] = await runTranscript([
      { send: { choice: 'go:find-office' } },
      {
        send: { choice: 'sapporo-bureau' },
        state: 'done',
        keys: ['find-office:summary.bureau'],
        says: ['Hokkaido (北海道) is covered by the Sapporo Regional Immigration Services Bureau'],
      },
    ]);
    expect(callsIn(done).slice(0, 2)).toEqual(['tel:0570003259', 'tel:+81112115701']);
  });

  it('a bureau with a single ordinary line says nothing about calling from abroad', async () => {
    const [, , done] = await runTranscript([
      { send: { choice: 'go:find-office' } },
      { send: { choice: 'sendai-bureau' } },
      { send: { choice: 'iwate' }, keys: ['glossary:office.information-center'] },
    ]);
    expect(done?.keys).not.toContain('find-office:summary.callFromAbroad');
    expect(callsIn(done)[0]).toBe('tel:0222566076');
  });

  it.each(jurisdictions.flatMap((j) => j.prefectures.map((p) => [p, j.bureau] as const)))(
    '%s, chosen by buttons, finds the office that serves it',
    async (prefecture, region) => {
      const oneQuestion = jurisdictions.find((j) => j.bureau === region)?.prefectures.length === 1;
      const turns = await runTranscript([
        { send: { choice: 'go:find-office' } },
        { send: { choice: region }, ...(oneQuestion ? { state: 'done' } : { state: 'askPrefecture' }) },
        ...(oneQuestion ? [] : [{ send: { choice: prefecture }, state: 'done' }]),
      ]);
      const { bureau, districtOffice } = bureauForPrefecture(content, prefecture);
      const summary = turns.at(-1)?.source[0];
      const values = summary?.kind === 'card' ? summary.lines[0]?.values : undefined;
      expect(values?.prefecture).toEqual({ key: `glossary:prefecture.${prefecture}` });
      expect(values?.office ?? values?.bureau).toEqual({ key: (districtOffice ?? bureau).nameKey });
    },
  );

  it('takes a prefecture typed by name at the region question, in English and Japanese', async () => {
    await runTranscript([
      { send: { choice: 'go:find-office' } },
      {
        send: 'Osaka',
        state: 'done',
        says: ['Osaka (大阪府) is covered by the Osaka Regional', 'Telephone: 0570-064259'],
      },
    ]);
    await runTranscript(
      [
        { send: { choice: 'go:find-office' } },
        {
          send: '兵庫県',
          state: 'done',
          keys: ['find-office:summary.districtOffice'],
          says: ['兵庫県では、大阪出入国在留管理局の神戸支局が窓口です。'],
        },
      ],
      { localeHint: 'ja' },
    );
  });

  it('takes a region by name, a prefecture by number, or one from another region by name', async () => {
    await runTranscript([
      { send: { choice: 'go:find-office' } },
      { send: 'kansai', keys: ['find-office:askPrefecture'] },
      { send: '1', state: 'done', says: ['Osaka (大阪府) is covered by the Osaka Regional'] },
    ]);
    await runTranscript([
      { send: { choice: 'go:find-office' } },
      { send: 'Kansai', keys: ['find-office:askPrefecture'] },
      { send: 'okinawa', state: 'done', says: ['Naha District Office'] },
    ]);
  });

  it('speaks French', async () => {
    await runTranscript(
      [
        { send: { choice: 'go:find-office' }, says: ['Kyushu et Okinawa'] },
        { send: { choice: 'fukuoka-bureau' }, says: ['Quelle préfecture ?'] },
        {
          send: { choice: 'okinawa' },
          says: ["Pour Okinawa (沖縄県), l'Antenne de Naha (那覇支局) vous reçoit"],
        },
      ],
      { localeHint: 'fr' },
    );
  });

  it('survives a JSON round trip of its snapshot', () => {
    const machine = findOfficeDialog.createMachine(content);
    const context = { region: 'osaka-bureau' };
    const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: 'askPrefecture', context })));
    expect(restored.value).toBe('askPrefecture');
    expect(restored.context).toEqual(context);
  });
});
