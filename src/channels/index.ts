/**
 * The channels Madoguchi serves over HTTP. Each channel is one folder exporting a `Channel`;
 * adding one is that folder plus one line here.
 */
import type { App } from '../app.ts';
import { createWidget } from '../widget/widget.ts';
import { createBotFrameworkChannel } from './botframework/index.ts';
import { createDirectLineChannel } from './directline/index.ts';
import { createLineChannel } from './line/index.ts';

export interface Channel {
  readonly name: string;
  /** Adds the channel's routes to the app's HTTP server, or logs why it stays off. */
  register(app: App): void;
  /** Stops background work (timers, queues) on shutdown. */
  close?(): Promise<void>;
}

const directLine = createDirectLineChannel();

export const CHANNELS: readonly Channel[] = [
  createLineChannel(),
  createBotFrameworkChannel(),
  directLine,
  createWidget(directLine),
];

export function registerChannels(app: App, channels: readonly Channel[] = CHANNELS): void {
  for (const channel of channels) {
    channel.register(app);
    app.channels.push(channel);
  }
}
