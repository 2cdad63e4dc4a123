/**
 * The rich menu: four always-visible buttons under the chat (main procedures, find my office, talk
 * to a person, language), each sending the postback the engine already understands. Uploaded with
 * `npm run line:richmenu`; its image is `rich-menu.png` (drawn by scripts/line-rich-menu-image.sh).
 * https://developers.line.biz/en/reference/messaging-api/#rich-menu-object
 */
import { readFileSync } from 'node:fs';
import type { messagingApi } from '@line/bot-sdk';

import { RICH_MENU_IMAGE_PATH } from '../../paths.ts';

export { RICH_MENU_IMAGE_PATH };

/** LINE's compact rich menu size; the image must match it exactly. */
export const RICH_MENU_SIZE = { width: 2500, height: 843 } as const;

/** Each area's label (a locale key) and the command it sends. */
const AREAS = [
  { label: 'common:nav.menu', data: 'cmd:menu' },
  { label: 'common:menu.group.office', data: 'go:find-office' },
  { label: 'common:nav.human', data: 'cmd:human' },
  { label: 'common:nav.language', data: 'cmd:language' },
] as const;

/** LINE's limits: action labels (read aloud by screen readers) 20 characters, the chat bar 14. */
const MAX_LABEL = 20;
const MAX_CHAT_BAR = 14;

/**
 * The rich menu, its labels in the deployment's language (`label` renders a locale key). One menu
 * serves every user of the channel, so it speaks the default language; its image carries the words
 * people read.
 */
export function richMenuDefinition(label: (key: string) => string): messagingApi.RichMenuRequest {
  const withinLimit = (key: string, max: number) => {
    const text = label(key);
    if ([...new Intl.Segmenter().segment(text)].length > max) {
      throw new Error(
        `richMenuDefinition(): "${text}" (${key}) is longer than LINE's ${max} characters; shorten it in locales/`,
      );
    }
    return text;
  };
  const width = RICH_MENU_SIZE.width / AREAS.length;
  return {
    size: { ...RICH_MENU_SIZE },
    selected: true,
    name: 'Madoguchi main menu',
    chatBarText: withinLimit('common:nav.menu', MAX_CHAT_BAR),
    areas: AREAS.map((area, index) => ({
      bounds: { x: index * width, y: 0, width, height: RICH_MENU_SIZE.height },
      action: { type: 'postback', label: withinLimit(area.label, MAX_LABEL), data: area.data },
    })),
  };
}

export function richMenuImage(): Blob {
  return new Blob([readFileSync(RICH_MENU_IMAGE_PATH)], { type: 'image/png' });
}

/**
 * Validates and creates the rich menu, uploads its image and makes it every user's default.
 * Returns the new rich menu id. Menus uploaded before stay on LINE until deleted.
 */
export async function uploadRichMenu(
  client: messagingApi.MessagingApiClient,
  blobClient: messagingApi.MessagingApiBlobClient,
  definition: messagingApi.RichMenuRequest,
): Promise<string> {
  await client.validateRichMenuObject(definition);
  const { richMenuId } = await client.createRichMenu(definition);
  await blobClient.setRichMenuImage(richMenuId, richMenuImage());
  await client.setDefaultRichMenu(richMenuId);
  return richMenuId;
}
