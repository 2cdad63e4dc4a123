/** The Bot Framework channel's public surface, and the activity rendering Direct Line shares. */

export {
  inboundOf,
  type MessageActivity,
  type RenderOptions,
  renderActivities,
  renderTurnActivities,
} from './activities.ts';
export {
  BOTFRAMEWORK_CHANNEL_NAME,
  BOTFRAMEWORK_MESSAGES_PATH,
  type BotFrameworkChannelOptions,
  createBotFrameworkChannel,
} from './botframework-channel.ts';
