import type * as Chrono from 'chrono-node';
import { isoDate } from '../engine/understanding.ts';
import type { LanguageCode } from '../i18n/languages.ts';
import { LANGUAGES } from '../i18n/languages.ts';
import type { IsoDate } from '../messages.ts';
import { chrono } from '../packages.ts';
import { normalizeText } from './normalize.ts';

/**
 * Words for "the day before yesterday", "yesterday", "today", "tomorrow" in each language, as
 * offsets from today. Urdu and Bengali "کل"/"কাল" mean both yesterday and tomorrow, so only their
 * unambiguous forms are listed.
 */
const RELATIVE_DAYS: Readonly<Record<LanguageCode, readonly [string, number][]>> = {
  ja: [
    ['一昨日', -2],
    ['おととい', -2],
    ['昨日', -1],
    ['きのう', -1],
    ['今日', 0],
    ['きょう', 0],
    ['本日', 0],
    ['明日', 1],
    ['あした', 1],
    ['あす', 1],
  ],
  'ja-easy': [
    ['おととい', -2],
    ['きのう', -1],
    ['きょう', 0],
    ['あした', 1],
    ['一昨日', -2],
    ['昨日', -1],
    ['今日', 0],
    ['明日', 1],
  ],
  en: [
    ['the day before yesterday', -2],
    ['day before yesterday', -2],
    ['yesterday', -1],
    ['today', 0],
    ['tomorrow', 1],
  ],
  'zh-Hans': [
    ['前天', -2],
    ['昨天', -1],
    ['今天', 0],
    ['明天', 1],
  ],
  ko: [
    ['그저께', -2],
    ['그제', -2],
    ['어제', -1],
    ['오늘', 0],
    ['내일', 1],
  ],
  vi: [
    ['hôm kia', -2],
    ['hôm qua', -1],
    ['hôm nay', 0],
    ['ngày mai', 1],
  ],
  'pt-BR': [
    ['anteontem', -2],
    ['ontem', -1],
    ['hoje', 0],
    ['amanhã', 1],
  ],
  es: [
    ['antes de ayer', -2],
    ['anteayer', -2],
    ['ayer', -1],
    ['hoy', 0],
    ['mañana', 1],
  ],
  fil: [
    ['kamakalawa', -2],
    ['kahapon', -1],
    ['ngayong araw', 0],
    ['ngayon', 0],
    ['bukas', 1],
  ],
  ne: [
    ['अस्ति', -2],
    ['हिजो', -1],
    ['आज', 0],
    ['भोलि', 1],
  ],
  id: [
    ['kemarin lusa', -2],
    ['kemarin', -1],
    ['hari ini', 0],
    ['besok', 1],
  ],
  th: [
    ['เมื่อวานซืน', -2],
    ['เมื่อวาน', -1],
    ['วันนี้', 0],
    ['พรุ่งนี้', 1],
  ],
  km: [
    ['ម្សិលម្ងៃ', -2],
    ['ម្សិលមិញ', -1],
    ['ថ្ងៃនេះ', 0],
    ['ថ្ងៃស្អែក', 1],
    ['ស្អែក', 1],
  ],
  my: [
    ['တနေ့က', -2],
    ['မနေ့က', -1],
    ['ဒီနေ့', 0],
    ['ယနေ့', 0],
    ['မနက်ဖြန်', 1],
  ],
  mn: [
    ['уржигдар', -2],
    ['өчигдөр', -1],
    ['өнөөдөр', 0],
    ['маргааш', 1],
  ],
  fr: [
    ['avant hier', -2],
    ['hier', -1],
    ['aujourd hui', 0],
    ['demain', 1],
  ],
  si: [
    ['පෙරේදා', -2],
    ['ඊයේ', -1],
    ['අද', 0],
    ['හෙට', 1],
  ],
  ur: [
    ['گزشتہ کل', -1],
    ['آج', 0],
    ['آنے والے کل', 1],
  ],
  tr: [
    ['evvelsi gün', -2],
    ['önceki gün', -2],
    ['dün', -1],
    ['bugün', 0],
    ['yarın', 1],
  ],
  uk: [
    ['позавчора', -2],
    ['вчора', -1],
    ['учора', -1],
    ['сьогодні', 0],
    ['завтра', 1],
  ],
  bn: [
    ['গত পরশু', -2],
    ['গতকাল', -1],
    ['আজ', 0],
    ['আগামীকাল', 1],
  ],
};

/** chrono-node locales for written dates ("3 December", "le 3 décembre", "3 tháng 12"). */
const CHRONO_LOCALES: Partial<Record<LanguageCode, (chrono: typeof Chrono) => Chrono.Chrono>> = {
  en: (chrono) => chrono.en.casual,
  fr: (chrono) => chrono.fr.casual,
  ja: (chrono) => chrono.ja.casual,
  'ja-easy': (chrono) => chrono.ja.casual,
  'zh-Hans': (chrono) => chrono.zh.casual,
  'pt-BR': (chrono) => chrono.pt.casual,
  es: (chrono) => chrono.es.casual,
  vi: (chrono) => chrono.vi.casual,
  id: (chrono) => chrono.id.casual,
  uk: (chrono) => chrono.uk.casual,
};

/**
 * chrono-node is loaded on the first written date, not at start (src/packages.ts): importing it
 * costs about 240 ms and 20 MB, and most messages never need it.
 */
function chronoParser(language: LanguageCode): Chrono.Chrono | undefined {
  const locale = CHRONO_LOCALES[language];
  if (!locale) return undefined;
  return locale(chrono());
}

/** Tokyo is UTC+9 all year; chrono takes an offset in minutes, not an IANA zone name. */
const TOKYO_OFFSET_MINUTES = 9 * 60;

/**
 * Reads a calendar date from what a user typed: ISO and CJK forms (2026-12-03, 2026/12/3,
 * 2026年12月3日, 12月3日, 2026년 12월 3일), day/month order per the language's usual
 * (3/12/2026 is 3 December in French, December 3 in English), relative days in all our
 * languages, written dates through chrono-node. Impossible dates (2026-02-30) give undefined.
 */
export function parseDate(text: string, language: LanguageCode, today: IsoDate): IsoDate | undefined {
  const normalized = text.normalize('NFKC').toLowerCase();
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];

  // Not inside a longer number: 10100/01/01 is no date, not the year 0100.
  const iso = normalized.match(/(?<!\d)(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})/);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthDay = normalized.match(/(?<![\d年년])(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号]/);
  if (monthDay) return calendarDate(year, Number(monthDay[1]), Number(monthDay[2]));
  const numeric = normalized.match(/\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/);
  if (numeric) {
    const [first, second] = [Number(numeric[1]), Number(numeric[2])];
    return monthFirst(language)
      ? calendarDate(Number(numeric[3]), first, second)
      : calendarDate(Number(numeric[3]), second, first);
  }

  const relative = relativeDayOffset(text, language);
  if (relative !== undefined) return addDays(year, month, day, relative);

  const parser = chronoParser(language);
  const result = parser?.parse(text, {
    instant: new Date(`${today}T12:00:00+09:00`),
    timezone: TOKYO_OFFSET_MINUTES,
  })[0];
  if (result) {
    const start = result.start;
    return calendarDate(start.get('year') ?? year, start.get('month') ?? month, start.get('day') ?? day);
  }
  return undefined;
}

function relativeDayOffset(text: string, language: LanguageCode): number | undefined {
  const padded = ` ${normalizeText(text)} `;
  for (const [word, offset] of RELATIVE_DAYS[language]) {
    const normalizedWord = normalizeText(word);
    const spaced = /^[\p{Script=Latin}\p{Script=Cyrillic}\s]+$/u.test(normalizedWord);
    if (spaced ? padded.includes(` ${normalizedWord} `) : padded.includes(normalizedWord)) return offset;
  }
  return undefined;
}

/** Whether the language's usual short date puts the month before the day (en: 12/3/2026). */
function monthFirst(language: LanguageCode): boolean {
  const intl = LANGUAGES.find(({ code }) => code === language)?.intl ?? 'en';
  const parts = new Intl.DateTimeFormat(intl, { year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(Date.UTC(2026, 11, 3)))
    .map(({ type }) => type);
  return parts.indexOf('month') < parts.indexOf('day');
}

/** A real date in the years the engine accepts (`isoDate`): never year 100 or 9999. */
function calendarDate(year: number, month: number, day: number): IsoDate | undefined {
  return isoDate(year, month, day);
}

function addDays(year: number, month: number, day: number, offset: number): IsoDate {
  return new Date(Date.UTC(year, month - 1, day + offset)).toISOString().slice(0, 10);
}
