/** Seed 6 and 7: where to get information; the channels and centers live in the directory. */
import type { z } from 'zod';
import type { proceduresSchema } from '../schema.ts';
import { seed } from '../sources.ts';
import { fact } from './fact.ts';

export const isaInfo = {
  id: 'isa-info',
  nameKey: 'glossary:procedure.isa-info',
  appliesTo: [fact('isa-info', 'everyone', seed('7'))],
  source: seed('7'),
  details: {
    channels: ['website', 'x', 'facebook', 'mail-service', 'regional-x-accounts', 'guidebook'],
    helpCenters: ['information-center', 'fresc'],
  },
} satisfies z.input<typeof proceduresSchema>['isa-info'];
