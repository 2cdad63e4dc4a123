/**
 * Seed 6 and CONTENT-NOTES "Offices and help lines": the Foreign Residents Support Center (FRESC)
 * and the Immigration Information Center.
 */
import type { z } from 'zod';
import type { helpCenterSchema } from '../schema.ts';
import { NOTES, seed } from '../sources.ts';
import { domesticLine, ipOrAbroadLine } from './phones.ts';

/** Saturdays, Sundays, national holidays and 29 Dec–3 Jan: when national administrative bodies close. */
const ADMINISTRATIVE_CLOSED_DAYS = [
  'saturday',
  'sunday',
  'national-holidays',
  'year-end-29-dec-to-3-jan',
] as const;

export const helpCenters = [
  {
    id: 'information-center',
    nameKey: 'glossary:office.information-center',
    locatedAt: [
      'sendai-bureau',
      'tokyo-bureau',
      'yokohama-district-office',
      'nagoya-bureau',
      'osaka-bureau',
      'kobe-district-office',
      'hiroshima-bureau',
      'fukuoka-bureau',
    ],
    advisersAt: ['sapporo-bureau', 'takamatsu-bureau', 'naha-district-office'],
    phones: [domesticLine('0570-013904'), ipOrAbroadLine('03-5796-7112', 'ip-phone-phs-or-abroad')],
    hours: {
      weekdays: { opens: '08:30', closes: '17:15' },
      // The page says "weekdays"; for an ISA service that excludes the closed days of national
      // administrative bodies (Act on Holidays of Administrative Organs, CONTENT-NOTES).
      closedOn: [...ADMINISTRATIVE_CLOSED_DAYS],
      source: NOTES.informationCenterHours,
    },
    languages: {
      codes: [
        'ja',
        'en',
        'zh',
        'ko',
        'es',
        'pt',
        'vi',
        'fil',
        'ne',
        'id',
        'th',
        'km',
        'my',
        'mn',
        'fr',
        'si',
        'ur',
      ],
      source: NOTES.informationCenterLanguages,
    },
    source: seed('6'),
  },
  {
    id: 'fresc',
    nameKey: 'glossary:office.fresc',
    address: 'Yotsuya Tower 13F, 1-6-1, Yotsuya, Shinjuku-ku, Tokyo 160-0004',
    phones: [domesticLine('0570-011000'), ipOrAbroadLine('03-5363-3013')],
    hours: {
      weekdays: { opens: '09:00', closes: '17:00' },
      closedOn: [...ADMINISTRATIVE_CLOSED_DAYS],
      source: NOTES.frescHours,
    },
    source: seed('6'),
  },
] satisfies z.input<typeof helpCenterSchema>[];
