/** The LINE channel's public surface: the channel, its webhook path, and the pure renderer. */
export {
  createLineChannel,
  LINE_WEBHOOK_PATH,
  type LineChannel,
  type LineChannelOptions,
} from './line-channel.ts';
export { type LineMessage, type RenderOptions, renderTurn } from './render.ts';
