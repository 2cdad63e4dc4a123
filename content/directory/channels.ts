/** Seed 7: how ISA publishes information; plus the guidebook itself (CONTENT-NOTES). */
import type { z } from 'zod';
import type { channelSchema } from '../schema.ts';
import { NOTES, seed } from '../sources.ts';

function channel(id: string, url: string, source: z.input<typeof channelSchema>['source']) {
  return {
    id,
    nameKey: `glossary:channel.${id}`,
    purposeKey: `glossary:channel-purpose.${id}`,
    url,
    source,
  } satisfies z.input<typeof channelSchema>;
}

export const channels = [
  channel('website', 'https://www.moj.go.jp/isa/index.html', seed('7-1')),
  channel('x', 'https://twitter.com/MOJ_IMMI', seed('7-2')),
  channel('facebook', 'https://www.facebook.com/ImmigrationServicesAgency.MOJ/', seed('7-2')),
  channel('mail-service', 'https://www.moj.go.jp/isa/about/pr/mail-service.html', seed('7-2')),
  // Seed 7-2: the regional bureaus' X accounts report how crowded their counters are.
  channel('regional-x-accounts', 'https://www.moj.go.jp/isa/about/pr/index.html', seed('7-2')),
  channel('guidebook', NOTES.guidebook.url, NOTES.guidebook),
];
