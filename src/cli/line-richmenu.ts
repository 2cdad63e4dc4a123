/**
 * `npm run line:richmenu`: uploads Madoguchi's rich menu (src/channels/line/rich-menu.ts) to the
 * LINE channel named by LINE_CHANNEL_ACCESS_TOKEN and makes it the default for every user.
 * `--dry-run` prints the definition without calling LINE.
 */
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { richMenuDefinition, uploadRichMenu } from '../channels/line/rich-menu.ts';
import { loadConfig } from '../config.ts';
import { createTranslator } from '../i18n/index.ts';
import { normalizeLanguageCode } from '../i18n/language-codes.ts';

try {
  const config = loadConfig();
  // One menu for the whole channel: its labels in the deployment's default language.
  const translator = createTranslator();
  const language = normalizeLanguageCode(config.DEFAULT_LANGUAGE) ?? 'en';
  const definition = richMenuDefinition((key) => translator.render({ key }, language));
  if (process.argv.includes('--dry-run')) {
    console.log(JSON.stringify(definition, null, 2));
    process.exit(0);
  }
  if (!config.LINE_CHANNEL_ACCESS_TOKEN) {
    throw new Error(
      'line:richmenu: set LINE_CHANNEL_ACCESS_TOKEN (and LINE_CHANNEL_SECRET) first; see the README, "Connecting a LINE Official Account"',
    );
  }
  const auth = { channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN };
  // LINE_API_BASE_URL (a proxy or a stub) serves both the API and the image upload host.
  const base = config.LINE_API_BASE_URL ? { baseURL: config.LINE_API_BASE_URL } : {};
  const id = await uploadRichMenu(
    new messagingApi.MessagingApiClient({ ...auth, ...base }),
    new messagingApi.MessagingApiBlobClient({ ...auth, ...base }),
    definition,
  );
  console.log(`Rich menu ${id} uploaded and set as the default for every user.`);
} catch (error) {
  const detail = error instanceof HTTPFetchError ? ` (LINE answered ${error.status}: ${error.body})` : '';
  console.error(`${(error as Error).message}${detail}`);
  process.exit(1);
}
