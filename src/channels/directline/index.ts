/** The self-hosted Direct Line's public surface: the channel and its path. */
export {
  createDirectLineChannel,
  DIRECTLINE_CHANNEL_NAME,
  DIRECTLINE_OUTBOX,
  DIRECTLINE_PATH,
  type DirectLineChannel,
  type DirectLineOptions,
  type DirectLineService,
  requestedLocale,
} from './directline-channel.ts';
export { createTokenService, type TokenClaims, type TokenService } from './tokens.ts';
