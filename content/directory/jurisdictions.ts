/** CONTENT-NOTES "Offices and help lines": the prefectures each regional bureau covers. */
import type { z } from 'zod';
import type { jurisdictionSchema } from '../schema.ts';
import { NOTES } from '../sources.ts';

const source = NOTES.jurisdictions;

export const jurisdictions = [
  { bureau: 'sapporo-bureau', prefectures: ['hokkaido'], source },
  {
    bureau: 'sendai-bureau',
    prefectures: ['aomori', 'iwate', 'miyagi', 'akita', 'yamagata', 'fukushima'],
    source,
  },
  {
    bureau: 'tokyo-bureau',
    prefectures: [
      'tokyo',
      'kanagawa',
      'saitama',
      'chiba',
      'ibaraki',
      'tochigi',
      'gunma',
      'yamanashi',
      'nagano',
      'niigata',
    ],
    districtOffices: [{ office: 'yokohama-district-office', prefectures: ['kanagawa'] }],
    source,
  },
  {
    bureau: 'nagoya-bureau',
    prefectures: ['aichi', 'mie', 'shizuoka', 'gifu', 'fukui', 'toyama', 'ishikawa'],
    source,
  },
  {
    bureau: 'osaka-bureau',
    prefectures: ['osaka', 'kyoto', 'hyogo', 'nara', 'shiga', 'wakayama'],
    districtOffices: [{ office: 'kobe-district-office', prefectures: ['hyogo'] }],
    source,
  },
  {
    bureau: 'hiroshima-bureau',
    prefectures: ['hiroshima', 'yamaguchi', 'okayama', 'tottori', 'shimane'],
    source,
  },
  { bureau: 'takamatsu-bureau', prefectures: ['tokushima', 'kagawa', 'ehime', 'kochi'], source },
  {
    bureau: 'fukuoka-bureau',
    prefectures: ['fukuoka', 'saga', 'nagasaki', 'kumamoto', 'oita', 'miyazaki', 'kagoshima', 'okinawa'],
    districtOffices: [{ office: 'naha-district-office', prefectures: ['okinawa'] }],
    source,
  },
] satisfies z.input<typeof jurisdictionSchema>[];
