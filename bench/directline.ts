/**
 * The `/directline` measurement of `npm run bench`: Madoguchi driven the way the web widget drives
 * it. Before the load, a few hundred conversations go through the widget's flow — POST
 * /widget/token (with the page's Origin and locale) → POST /directline/conversations (Bearer token)
 * → the WebSocket stream, open until the end, on which the greeting arrives. Then autocannon POSTs
 * activities to /directline/conversations/:id/activities, conversations in turn, each walking the
 * lost-card dialog as Web Chat sends it: free text in one of 8 languages, the buttons (messageBack:
 * the label as text and `{ choice }` as value; every third conversation imBack: the label alone,
 * read from the bot's last suggested actions), the date card's submit (`{ date }`), the summary's
 * menu button.
 *
 * Ack latency is the POST's (Madoguchi answers it once the turn's replies are in the log). The turn
 * latency runs from the POST's setup to the first bot activity that arrives on that conversation's
 * WebSocket with `replyToId` = the id of the echo carrying our `clientActivityID`.
 */
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { SERVER_COMMAND, SERVER_ENV } from '../scripts/build.ts';
import { type LoadResult, loadResult, OPENINGS, pacedLoad, type ServerProcess, startServer } from './lib.ts';

/** What one load gives (lib.ts), with how many posted activities got their reply on the stream. */
export type DirectLineLoad = LoadResult;

export interface DirectLineRun {
  start: number;
  /** Milliseconds to create the conversations (token, conversation, stream open, greeting received). */
  setupMs: number;
  conversations: number;
  load: DirectLineLoad;
  halfLoad: DirectLineLoad;
  /** The half-load rate's first seconds, before `halfLoad` is measured (see run.ts). */
  settling: DirectLineLoad;
}

/** 32+ characters, as config.ts requires. */
const SECRET = 'bench-directline-secret-0123456789abcdef';
/** The page locale of each opening in lib.ts's OPENINGS, in the same order. */
const PAGE_LOCALES = ['en-US', 'fr-FR', 'ja-JP', 'vi-VN', 'pt-BR', 'zh-CN', 'fil-PH', 'id-ID'];
/** How many conversations are set up at once. */
const SETUP_CONCURRENCY = 10;

interface Conversation {
  index: number;
  id: string;
  token: string;
  locale: string;
  ws: WebSocket;
  step: number;
  /** The bot's last suggested actions: choice payload → label. */
  labels: Map<string, string>;
}

/** The turns of one load: when each activity was sent and when its reply came, by clientActivityID. */
interface Tracker {
  sentAt: Map<string, number>;
  repliedAt: Map<string, number>;
}

export function directLineEnv(database: string): Record<string, string> {
  return {
    ...SERVER_ENV,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_PATH: database,
    DIRECTLINE_SECRET: SECRET,
    // One loopback client plays hundreds of browsers: the per-IP, per-user and widget-token budgets
    // would refuse it (0 turns the first two off; the token budget has no off switch).
    RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    RATE_LIMIT_PER_USER_PER_MINUTE: '0',
    WIDGET_TOKENS_PER_MINUTE: '1000000',
  };
}

export async function runDirectLine(options: {
  database: string;
  conversations: number;
  seconds: number;
  warmupSeconds: number;
  settleSeconds: number;
  connections: number;
  /** The date answered to "when did you notice" (YYYY-MM-DD). */
  noticed: string;
}): Promise<DirectLineRun> {
  const server = await startServer({
    command: [process.execPath, ...SERVER_COMMAND],
    env: directLineEnv(options.database),
    readyPath: '/readyz',
    core: 0,
  });
  // Each stream's messages go to the tracker of the load running now.
  let tracker: Tracker = { sentAt: new Map(), repliedAt: new Map() };
  /** Echo activity id → our clientActivityID, until the reply to it arrives. */
  const echoes = new Map<string, string>();
  const conversations: Conversation[] = [];
  try {
    const setupStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: SETUP_CONCURRENCY }, async () => {
        for (let index = next++; index < options.conversations; index = next++) {
          conversations[index] = await openConversation(server.url, index, (conversation, data) =>
            onStream(conversation, data, echoes, tracker),
          );
        }
      }),
    );
    const setupMs = performance.now() - setupStarted;

    const load = async (seconds: number, rate?: number) => {
      tracker = { sentAt: new Map(), repliedAt: new Map() };
      echoes.clear();
      return drive(server, conversations, tracker, { ...options, seconds, rate });
    };
    await load(options.warmupSeconds);
    const full = await load(options.seconds);
    const rate = Math.max(1, Math.round(full.rps / 2));
    const settling = await load(options.settleSeconds, rate);
    const half = await load(options.seconds, rate);
    return {
      start: server.startMs,
      setupMs,
      conversations: conversations.length,
      load: full,
      halfLoad: half,
      settling,
    };
  } finally {
    for (const conversation of conversations) conversation?.ws.terminate();
    await server.stop();
  }
}

/** The widget's flow for one visitor: token, conversation, stream; resolves once the greeting is in. */
async function openConversation(
  url: string,
  index: number,
  onMessage: (conversation: Conversation, data: string) => void,
): Promise<Conversation> {
  const locale = PAGE_LOCALES[index % PAGE_LOCALES.length] as string;
  const tokenResponse = await fetch(`${url}/widget/token`, {
    method: 'POST',
    headers: { origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ locale }),
  });
  if (!tokenResponse.ok) throw new Error(`POST /widget/token: ${tokenResponse.status}`);
  const { token } = (await tokenResponse.json()) as { token: string };
  const started = await fetch(`${url}/directline/conversations`, {
    method: 'POST',
    headers: { origin: url, authorization: `Bearer ${token}` },
  });
  if (started.status !== 201) throw new Error(`POST /directline/conversations: ${started.status}`);
  const { conversationId, streamUrl } = (await started.json()) as {
    conversationId: string;
    streamUrl: string;
  };
  const ws = new WebSocket(streamUrl, { origin: url });
  const conversation: Conversation = {
    index,
    id: conversationId,
    token,
    locale,
    ws,
    step: 0,
    labels: new Map(),
  };
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('message', () => resolve());
    ws.on('message', (data) => onMessage(conversation, String(data)));
  });
  return conversation;
}

interface StreamActivity {
  id?: string;
  from?: { role?: string };
  replyToId?: string;
  channelData?: { clientActivityID?: string };
  suggestedActions?: { actions?: Array<{ title?: string; value?: { choice?: string } }> };
}

function onStream(conversation: Conversation, data: string, echoes: Map<string, string>, tracker: Tracker) {
  const now = performance.now();
  const { activities } = JSON.parse(data) as { activities: StreamActivity[] };
  for (const activity of activities) {
    if (activity.from?.role === 'user') {
      const sent = activity.channelData?.clientActivityID;
      if (sent && activity.id) echoes.set(activity.id, sent);
      continue;
    }
    const sent = activity.replyToId ? echoes.get(activity.replyToId) : undefined;
    if (sent && activity.replyToId && !tracker.repliedAt.has(sent)) {
      tracker.repliedAt.set(sent, now);
      echoes.delete(activity.replyToId);
    }
    const actions = activity.suggestedActions?.actions;
    if (actions) {
      conversation.labels = new Map(
        actions.flatMap((action) =>
          action.value?.choice && action.title ? [[action.value.choice, action.title] as const] : [],
        ),
      );
    }
  }
}

/** The activity Web Chat posts at this step of the lost-card dialog (6 steps, then it starts over). */
function nextActivity(conversation: Conversation, noticed: string): Record<string, unknown> {
  const stage = conversation.step;
  conversation.step = (stage + 1) % 6;
  if (stage === 0) return { text: OPENINGS[conversation.index % OPENINGS.length], textFormat: 'plain' };
  if (stage === 2) return { value: { date: noticed } };
  const choice = stage === 1 ? 'lost' : stage === 5 ? 'cmd:menu' : 'no';
  const label = conversation.labels.get(choice);
  if (label && conversation.index % 3 === 2) return { text: label }; // imBack
  return { ...(label ? { text: label } : {}), value: { choice } }; // messageBack
}

async function drive(
  server: ServerProcess,
  conversations: readonly Conversation[],
  tracker: Tracker,
  options: { seconds: number; rate?: number | undefined; connections: number; noticed: string },
): Promise<DirectLineLoad> {
  let rss = 0;
  const sampler = setInterval(() => {
    rss = Math.max(rss, server.rssMb());
  }, 200);
  let turn = 0;
  let sequence = 0;
  /** The next activity of the next conversation, sent at `sentAt`. */
  const nextActivityRequest = (sentAt: number) => {
    const conversation = conversations[turn] as Conversation;
    turn = (turn + 1) % conversations.length;
    sequence += 1;
    const clientActivityID = `bench-${sequence}`;
    const body = JSON.stringify({
      type: 'message',
      locale: conversation.locale,
      channelData: { clientActivityID },
      ...nextActivity(conversation, options.noticed),
    });
    tracker.sentAt.set(clientActivityID, sentAt);
    return {
      path: `/directline/conversations/${conversation.id}/activities`,
      body,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${conversation.token}`,
        origin: server.url,
      },
    };
  };
  const result = options.rate
    ? await pacedLoad({
        url: server.url,
        rate: options.rate,
        seconds: options.seconds,
        nextRequest: nextActivityRequest,
      })
    : await autocannon({
        url: server.url,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({ ...request, ...nextActivityRequest(performance.now()) }),
          },
        ],
      });
  // Let the last replies reach their streams.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  clearInterval(sampler);
  return loadResult(result, { sentAt: tracker.sentAt, answeredAt: tracker.repliedAt }, rss);
}
