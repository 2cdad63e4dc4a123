import { createHmac } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../content/index.ts';
import type { HandoffRequest } from '../../src/engine/engine.ts';
import { createHandoff } from '../../src/escalation/handoff.ts';
import { createOperatorWebhook, SIGNATURE_HEADER } from '../../src/escalation/operator-webhook.ts';
import { createTranslator } from '../../src/i18n/index.ts';
import type { DialogMessage } from '../../src/messages.ts';
import { silentLogger } from '../support/harness.ts';
import { runTranscript } from '../support/transcript.ts';

const content = loadContent();
const handoff = createHandoff(content);
const now = new Date('2026-11-25T10:00:00+09:00');
const request = (overrides: Partial<HandoffRequest> = {}): HandoffRequest => ({
  reason: 'asked',
  language: 'en',
  conversation: 'opaque',
  channel: 'test',
  now,
  ...overrides,
});
const titles = (messages: DialogMessage[]) =>
  messages.flatMap((m) => (m.kind === 'card' ? [m.title.key] : []));
const caseOf = (procedure: string, context: unknown = {}) => ({
  procedure,
  steps: [],
  outcome: [],
  done: true,
  context,
});

describe('where a person is found', () => {
  it('puts the Information Center first for questions about procedures', () => {
    expect(titles(handoff(request({ case: caseOf('lost-card') })))).toEqual([
      'common:handoff.summaryTitle',
      'common:handoff.summaryTitleForCounsellor',
      'glossary:office.information-center',
      'glossary:office.fresc',
    ]);
  });

  it('puts the Foreign Residents Support Center first for refugee, deportation and minors', () => {
    for (const messages of [
      handoff(request({ reason: 'topic', case: caseOf('refugee') })),
      handoff(request({ reason: 'topic', case: caseOf('deportation') })),
      handoff(request({ reason: 'minor' })),
    ]) {
      expect(titles(messages).filter((key) => key.startsWith('glossary:'))).toEqual([
        'glossary:office.fresc',
        'glossary:office.information-center',
      ]);
    }
  });

  it.each([
    ['kanagawa', 'glossary:office.yokohama-district-office'],
    ['osaka', 'glossary:office.osaka-bureau'],
    ['okinawa', 'glossary:office.naha-district-office'],
    ['hokkaido', 'glossary:office.sapporo-bureau'],
  ])('adds the office for the prefecture the user gave (%s)', (prefecture, office) => {
    const messages = handoff(request({ case: caseOf('find-office', { prefecture }) }));
    expect(titles(messages).at(-1)).toBe(office);
  });

  it('gives each line both numbers as call buttons', () => {
    const card = handoff(request()).find(
      (m) => m.kind === 'card' && m.title.key === 'glossary:office.information-center',
    );
    expect(card?.kind === 'card' && card.buttons.map((b) => (b.kind === 'call' ? b.tel : ''))).toEqual([
      'tel:0570013904',
      'tel:+81357967112',
    ]);
  });
});

describe('escalation triggers, in several languages', () => {
  it.each([
    ['en', 'talk to a person'],
    ['fr', 'parler à une personne'],
    ['ja', '相談員'],
  ])('the user asks for a person (%s)', async (localeHint, text) => {
    const [turn] = await runTranscript(
      [{ send: text, keys: ['common:handoff.intro.asked', 'glossary:office.information-center'] }],
      {
        localeHint,
      },
    );
    expect(turn?.language).toBe(localeHint);
  });

  it.each([
    ['en', ['xqzv', 'qwpfgj']],
    ['fr', ['xqzv', 'qwpfgj']],
    ['ja', ['xqzv', 'qwpfgj']],
  ])('the bot fails to understand twice in a row (%s)', async (localeHint, [first, second]) => {
    await runTranscript(
      [
        // The first miss asks again (with guesses when the classifier has any); the second offers a person.
        { send: first as string },
        { send: second as string, keys: ['common:notUnderstood', 'common:handoff.intro.not-understood'] },
      ],
      { localeHint },
    );
  });

  const lostCardTo = (noticed: string, under16: 'yes' | 'no') => [
    { send: { choice: 'go:lost-card' } },
    { send: { choice: 'lost' } },
    { send: { date: noticed } },
    { send: { choice: 'no' } },
    { send: { choice: under16 } },
  ];

  it.each(['en', 'fr', 'ja'])(
    'a deadline overdue or due today (%s), with the case summarised',
    async (localeHint) => {
      const turns = await runTranscript(lostCardTo('2026-11-01', 'no'), {
        now: '2026-11-25T10:00:00+09:00',
        localeHint,
      });
      const last = turns.at(-1);
      expect(last?.keys).toEqual(
        expect.arrayContaining(['common:handoff.intro.deadline', 'common:handoff.summaryTitle']),
      );
      // The summary repeats the answers and the due date, in the user's language and in Japanese.
      const summaries =
        last?.messages.filter((m) => m.kind === 'card' && m.lines.some((line) => line.includes(' — '))) ?? [];
      expect(summaries).toHaveLength(localeHint === 'ja' ? 1 : 2);
      const japanese = JSON.stringify(summaries.at(-1));
      expect(japanese).toContain('2026年11月1日');
      expect(japanese).toContain('なくした');
      expect(japanese).toContain('2026年11月16日');
    },
  );

  it.each(['en', 'fr', 'ja'])('a minor (%s)', async (localeHint) => {
    const turns = await runTranscript(lostCardTo('2026-11-20', 'yes'), { localeHint });
    expect(turns.at(-1)?.keys).toContain('common:handoff.intro.minor');
  });

  it.each(['en', 'fr', 'ja'])(
    'a topic that needs a person: refugee status and deportation (%s)',
    async (localeHint) => {
      const refugee = await runTranscript(
        [{ send: { choice: 'go:refugee' } }, { send: { choice: 'apply' } }],
        { localeHint },
      );
      expect(refugee.at(-1)?.keys).toEqual(
        expect.arrayContaining(['common:handoff.intro.topic', 'glossary:office.fresc']),
      );
      const deportation = await runTranscript(
        [{ send: { choice: 'go:deportation' } }, { send: { choice: 'rules' } }],
        {
          localeHint,
        },
      );
      expect(deportation.at(-1)?.keys).toContain('common:handoff.intro.topic');
    },
  );

  it.each(['en', 'fr', 'ja'])('an overdue notification or an expired stay (%s)', async (localeHint) => {
    // Settled on 1 Nov: the move-in notification was due on 16 Nov (15 Nov is a Sunday).
    const moveIn = await runTranscript(
      [{ send: { choice: 'go:move-in' } }, { send: { choice: 'yes' } }, { send: { date: '2026-11-01' } }],
      { localeHint },
    );
    expect(moveIn.at(-1)?.keys).toContain('common:handoff.intro.deadline');
    const expired = await runTranscript(
      [{ send: { choice: 'go:extend-stay' } }, { send: { date: '2026-11-20' } }],
      {
        localeHint,
      },
    );
    expect(expired.at(-1)?.keys).toContain('common:handoff.intro.deadline');
  });

  it('no escalation when the deadline is still ahead', async () => {
    const turns = await runTranscript(lostCardTo('2026-11-20', 'no'));
    expect(turns.at(-1)?.keys.some((key) => key.startsWith('common:handoff.intro'))).toBe(false);
  });
});

describe("open now, in the user's language", () => {
  it('says when each line opens', () => {
    const translator = createTranslator();
    const saturday = handoff(request({ now: new Date('2026-11-28T11:00:00+09:00'), language: 'fr' }));
    const rendered = saturday.map((m) => translator.renderMessage(m, 'fr'));
    expect(JSON.stringify(rendered)).toContain("Fermé pour l'instant ; ouvre lundi à 08:30.");
    const weekday = handoff(request()).map((m) => translator.renderMessage(m, 'en'));
    expect(JSON.stringify(weekday)).toContain('Open now, until 17:15.');
    expect(JSON.stringify(weekday)).toContain('(as of 2021-07)');
  });
});

describe('operator webhook', () => {
  const secret = 'a-secret-of-sixteen-chars';
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it('posts each escalation signed with HMAC-SHA256, retrying a 500, without blocking the reply', async () => {
    const bodies: string[] = [];
    const signatures: string[] = [];
    const scope = nock('https://desk.example.org')
      .post('/handoffs')
      .reply(500)
      .post('/handoffs', (body) => {
        bodies.push(JSON.stringify(body));
        return true;
      })
      .matchHeader(SIGNATURE_HEADER, (value) => {
        signatures.push(String(value));
        return true;
      })
      .reply(204);
    const webhook = createOperatorWebhook({
      url: 'https://desk.example.org/handoffs',
      secret,
      logger: silentLogger(),
      backoffMs: [10, 10],
    });
    const withWebhook = createHandoff(content, { webhook, translator: createTranslator() });
    const messages = withWebhook(
      request({
        reason: 'deadline',
        language: 'fr',
        case: {
          procedure: 'lost-card',
          steps: [{ question: { key: 'lost-card:askCause' }, answer: { key: 'lost-card:cause.stolen' } }],
          outcome: [],
          done: false,
          context: {},
        },
      }),
    );
    expect(messages.length).toBeGreaterThan(0);
    await webhook.drain();
    expect(scope.isDone()).toBe(true);
    const notice = JSON.parse(bodies[0] as string);
    expect(notice).toMatchObject({
      reason: 'deadline',
      channel: 'test',
      conversation: 'opaque',
      language: 'fr',
      procedure: 'lost-card',
      summary: {
        ja: ['在留カードはどうなりましたか。 — 盗まれた'],
        user: ["Qu'est-il arrivé à votre carte de résidence ? — On me l'a volée"],
      },
    });
    const expected = `sha256=${createHmac('sha256', secret).update(JSON.stringify(notice)).digest('hex')}`;
    expect(signatures[0]).toBe(expected);
  });

  it('gives up on a 4xx without retrying', async () => {
    const scope = nock('https://desk.example.org').post('/handoffs').once().reply(400);
    const webhook = createOperatorWebhook({
      url: 'https://desk.example.org/handoffs',
      secret,
      logger: silentLogger(),
      backoffMs: [10],
    });
    webhook.notify(
      {
        reason: 'asked',
        channel: 'test',
        conversation: 'x',
        language: 'en',
        procedure: null,
        summary: { ja: [], user: [] },
      },
      now,
    );
    await webhook.drain();
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
