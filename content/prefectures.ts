/**
 * Japan's 47 prefectures, in JIS X 0401 order. Ids are the romanised names in kebab-case; they are
 * the canonical prefecture ids used by content (bureau coverage), the language model (entity
 * extraction) and locales (`glossary:prefecture.<id>`).
 */
export const PREFECTURES = [
  'hokkaido',
  'aomori',
  'iwate',
  'miyagi',
  'akita',
  'yamagata',
  'fukushima',
  'ibaraki',
  'tochigi',
  'gunma',
  'saitama',
  'chiba',
  'tokyo',
  'kanagawa',
  'niigata',
  'toyama',
  'ishikawa',
  'fukui',
  'yamanashi',
  'nagano',
  'gifu',
  'shizuoka',
  'aichi',
  'mie',
  'shiga',
  'kyoto',
  'osaka',
  'hyogo',
  'nara',
  'wakayama',
  'tottori',
  'shimane',
  'okayama',
  'hiroshima',
  'yamaguchi',
  'tokushima',
  'kagawa',
  'ehime',
  'kochi',
  'fukuoka',
  'saga',
  'nagasaki',
  'kumamoto',
  'oita',
  'miyazaki',
  'kagoshima',
  'okinawa',
] as const;

export type PrefectureId = (typeof PREFECTURES)[number];

export function isPrefectureId(value: string): value is PrefectureId {
  return (PREFECTURES as readonly string[]).includes(value);
}
