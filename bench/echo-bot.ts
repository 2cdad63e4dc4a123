/**
 * The reference bot, measured in the same run: the `@line/bot-sdk` echo bot on express, as
 * the SDK's own example writes it (its signature-checking middleware, `MessagingApiClient`, the
 * webhook answered once the replies are sent). It echoes a text message's text and a postback's
 * data, so that every event of the benchmark's traffic gets one reply, as from Madoguchi. Replies
 * go to the fake LINE API (`LINE_API_BASE_URL`).
 */
import { messagingApi, middleware, type webhook } from '@line/bot-sdk';
import express from 'express';

const client = new messagingApi.MessagingApiClient({
  channelAccessToken: 'bench-token',
  ...(process.env.LINE_API_BASE_URL ? { baseURL: process.env.LINE_API_BASE_URL } : {}),
});

function echo(event: webhook.Event): Promise<unknown> | undefined {
  const text =
    event.type === 'message' && event.message.type === 'text'
      ? (event.message as webhook.TextMessageContent).text
      : event.type === 'postback'
        ? (event as webhook.PostbackEvent).postback.data
        : undefined;
  const replyToken = 'replyToken' in event ? event.replyToken : undefined;
  if (text === undefined || !replyToken) return undefined;
  return client.replyMessage({ replyToken, messages: [{ type: 'text', text }] });
}

const app = express();
app.get('/healthz', (_req, res) => {
  res.send('ok');
});
app.post(
  '/line/webhook',
  middleware({ channelSecret: process.env.LINE_CHANNEL_SECRET ?? '' }),
  async (req, res) => {
    const { events } = req.body as webhook.CallbackRequest;
    await Promise.all(events.map(echo));
    res.json({});
  },
);
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
