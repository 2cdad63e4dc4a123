import { readFileSync } from 'node:fs';
import { messagingApi } from '@line/bot-sdk';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { graphemeLength, MAX_ACTION_LABEL } from '../../../src/channels/line/limits.ts';
import {
  RICH_MENU_IMAGE_PATH,
  RICH_MENU_SIZE,
  richMenuDefinition,
  uploadRichMenu,
} from '../../../src/channels/line/rich-menu.ts';
import { createTranslator } from '../../../src/i18n/index.ts';
import { ACCESS_TOKEN, LINE_API } from './line-app.ts';

const translator = createTranslator();
const english = (key: string) => translator.render({ key }, 'en');

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('the LINE rich menu', () => {
  it('ships a PNG LINE accepts: exactly the menu size, at most 1 MB', () => {
    const png = readFileSync(RICH_MENU_IMAGE_PATH);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height are the big-endian integers at bytes 16 and 20.
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(RICH_MENU_SIZE);
    expect(png.length).toBeLessThanOrEqual(1024 * 1024);
  });

  it('covers the image with four areas sending commands the engine knows', () => {
    const menu = richMenuDefinition(english);
    expect(menu.chatBarText).toBe('Main menu');
    expect(menu.areas?.map((area) => area.action?.label)).toEqual([
      'Main menu',
      'Immigration offices',
      'Talk to a person',
      'Language',
    ]);
    expect(menu.areas?.map((area) => (area.action as { data: string }).data)).toEqual([
      'cmd:menu',
      'go:find-office',
      'cmd:human',
      'cmd:language',
    ]);
    const covered = menu.areas?.reduce(
      (sum, area) => sum + (area.bounds?.width ?? 0) * (area.bounds?.height ?? 0),
      0,
    );
    expect(covered).toBe(RICH_MENU_SIZE.width * RICH_MENU_SIZE.height);
    for (const area of menu.areas ?? [])
      expect(graphemeLength(area.action?.label ?? '')).toBeLessThanOrEqual(MAX_ACTION_LABEL);
  });

  it('refuses labels LINE would reject, naming the locale key to shorten', () => {
    expect(() => richMenuDefinition((key) => `${english(key)} — a label far too long`)).toThrow(
      /common:nav\.menu/,
    );
  });

  it('validates, creates, uploads the image and sets the default, in that order', async () => {
    nock.disableNetConnect();
    const calls: string[] = [];
    const api = nock(LINE_API).matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`);
    api
      .post('/v2/bot/richmenu/validate', (body) => {
        calls.push('validate');
        return body.size.width === 2500;
      })
      .reply(200, {});
    api.post('/v2/bot/richmenu').reply(200, () => {
      calls.push('create');
      return { richMenuId: 'richmenu-123' };
    });
    api.post('/v2/bot/user/all/richmenu/richmenu-123').reply(200, () => {
      calls.push('default');
      return {};
    });
    nock('https://api-data.line.me')
      .matchHeader('content-type', 'image/png')
      .post('/v2/bot/richmenu/richmenu-123/content')
      .reply(200, () => {
        calls.push('image');
        return {};
      });
    const auth = { channelAccessToken: ACCESS_TOKEN };
    const id = await uploadRichMenu(
      new messagingApi.MessagingApiClient(auth),
      new messagingApi.MessagingApiBlobClient(auth),
      richMenuDefinition(english),
    );
    expect(id).toBe('richmenu-123');
    expect(calls).toEqual(['validate', 'create', 'image', 'default']);
    expect(nock.isDone()).toBe(true);
  });
});
