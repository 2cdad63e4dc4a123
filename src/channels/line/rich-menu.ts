/**
 * The rich menu: four always-visible buttons under the chat (main procedures, find my office, talk
 * to a person, language), each sending the postback the engine already understands. Uploaded with
 * `npm run line:richmenu`; its image is `rich-menu.png` (drawn by scripts/line-rich-menu-image.sh).
 * https://developers.line.biz/en/reference/messaging-api/#rich-menu-object
 */
import { readFileSync } from 'node:fs';
import type { messagingApi } from '@line/bot-sdk';

export const RICH_MENU_IMAGE_PATH = new URL('./rich-menu.png', import.meta.url).pathname;

/** LINE's compact rich menu size; the image must match it exactly. */
export const RICH_MENU_SIZE = { width: 2500, height: 843 } as const;

const AREAS = [
  // The action labels are read aloud by screen readers (max 20 characters).
  { label: 'Main menu', data: 'cmd:menu' },
  { label: 'Find my office', data: 'go:find-office' },
  { label: 'Talk to a person', data: 'cmd:human' },
  { label: 'Language', data: 'cmd:language' },
] as const;

export function richMenuDefinition(): messagingApi.RichMenuRequest {
  const width = RICH_MENU_SIZE.width / AREAS.length;
  return {
    size: { ...RICH_MENU_SIZE },
    selected: true,
    name: 'Madoguchi main menu',
    // Shown on the bar that opens the menu (max 14 characters).
    chatBarText: 'Menu',
    areas: AREAS.map((area, index) => ({
      bounds: { x: index * width, y: 0, width, height: RICH_MENU_SIZE.height },
      action: { type: 'postback', label: area.label, data: area.data },
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
): Promise<string> {
  const definition = richMenuDefinition();
  await client.validateRichMenuObject(definition);
  const { richMenuId } = await client.createRichMenu(definition);
  await blobClient.setRichMenuImage(richMenuId, richMenuImage());
  await client.setDefaultRichMenu(richMenuId);
  return richMenuId;
}
