import { describe, expect, it } from 'vitest';
import type { LanguageCode } from '../../src/i18n/languages.ts';
import { parseAge, parseDate, parsePrefecture, parseYesNo } from '../../src/nlu/index.ts';

const TODAY = '2026-03-01';

describe('parseDate', () => {
  it.each<[string, LanguageCode, string | undefined]>([
    ['2026-12-03', 'en', '2026-12-03'],
    ['2026/12/3', 'ja', '2026-12-03'],
    ['2026年12月3日', 'ja', '2026-12-03'],
    ['12月3日', 'zh-Hans', '2026-12-03'],
    ['2026년 12월 3일', 'ko', '2026-12-03'],
    ['3/12/2026', 'fr', '2026-12-03'],
    ['3/12/2026', 'vi', '2026-12-03'],
    ['12/3/2026', 'en', '2026-12-03'],
    ['２０２６－１２－０３', 'ja', '2026-12-03'],
    ['2026-02-30', 'en', undefined],
    ['31/04/2026', 'fr', undefined],
    ['nothing here', 'en', undefined],
  ])('reads %j (%s) as %s', (text, language, expected) => {
    expect(parseDate(text, language, TODAY)).toBe(expected);
  });

  it.each<[string, LanguageCode]>([
    ['yesterday', 'en'],
    ['hier', 'fr'],
    ['昨日', 'ja'],
    ['きのう なくしました', 'ja-easy'],
    ['hôm qua', 'vi'],
    ['昨天', 'zh-Hans'],
    ['어제 잃어버렸어요', 'ko'],
    ['ontem', 'pt-BR'],
    ['ayer', 'es'],
    ['kahapon', 'fil'],
    ['हिजो', 'ne'],
    ['kemarin', 'id'],
    ['เมื่อวาน', 'th'],
    ['ម្សិលមិញ', 'km'],
    ['မနေ့က', 'my'],
    ['өчигдөр', 'mn'],
    ['ඊයේ', 'si'],
    ['گزشتہ کل', 'ur'],
    ['dün', 'tr'],
    ['вчора', 'uk'],
    ['গতকাল', 'bn'],
  ])('reads "yesterday" %j in %s', (text, language) => {
    expect(parseDate(text, language, TODAY)).toBe('2026-02-28');
  });

  it.each<[string, LanguageCode, string]>([
    ['today', 'en', '2026-03-01'],
    ['the day before yesterday', 'en', '2026-02-27'],
    ['avant-hier', 'fr', '2026-02-27'],
    ['おととい', 'ja', '2026-02-27'],
    ['明天', 'zh-Hans', '2026-03-02'],
    ['ngày mai', 'vi', '2026-03-02'],
  ])('reads relative day %j (%s) as %s', (text, language, expected) => {
    expect(parseDate(text, language, TODAY)).toBe(expected);
  });

  it('reads written dates through chrono-node', () => {
    expect(parseDate('December 3, 2026', 'en', TODAY)).toBe('2026-12-03');
    expect(parseDate('le 3 décembre 2026', 'fr', TODAY)).toBe('2026-12-03');
  });
});

describe('parsePrefecture', () => {
  it.each([
    ['東京都', 'tokyo'],
    ['Tōkyō-to', 'tokyo'],
    ['I live in tokyo', 'tokyo'],
    ['とうきょう', 'tokyo'],
    ['トーキョー', 'tokyo'],
    ['东京', 'tokyo'],
    ['도쿄에 살아요', 'tokyo'],
    ['Токио', 'tokyo'],
    ['โตเกียว', 'tokyo'],
    ['Osaka fu', 'osaka'],
    ['大阪府', 'osaka'],
    ['京都', 'kyoto'],
    ['hyogo-ken', 'hyogo'],
    ['广岛', 'hiroshima'],
    ['鹿児島県', 'kagoshima'],
    ['ならけん', 'nara'],
    ['Hokkaidō', 'hokkaido'],
  ])('finds %j → %s', (text, prefecture) => {
    expect(parsePrefecture(text)).toBe(prefecture);
  });

  it.each(['それならいいです', 'hello', 'さがしています'])('finds no prefecture in %j', (text) => {
    expect(parsePrefecture(text)).toBeUndefined();
  });
});

describe('parseYesNo', () => {
  it.each<[string, LanguageCode, boolean | undefined]>([
    ['はい', 'ja', true],
    ['いいえ', 'ja', false],
    ['うん', 'ja-easy', true],
    ['yes please', 'en', true],
    ['nope', 'en', false],
    ['oui', 'fr', true],
    ['non merci', 'fr', false],
    ['vâng', 'vi', true],
    ['không', 'vi', false],
    ['是的', 'zh-Hans', true],
    ['不是', 'zh-Hans', false],
    ['네', 'ko', true],
    ['아니요', 'ko', false],
    ['sim', 'pt-BR', true],
    ['no', 'es', false],
    ['opo', 'fil', true],
    ['होइन', 'ne', false],
    ['iya', 'id', true],
    ['ไม่ใช่', 'th', false],
    ['ใช่', 'th', true],
    ['បាទ', 'km', true],
    ['မဟုတ်ဘူး', 'my', false],
    ['тийм', 'mn', true],
    ['ඔව්', 'si', true],
    ['جی نہیں', 'ur', false],
    ['evet', 'tr', true],
    ['ні', 'uk', false],
    ['হ্যাঁ', 'bn', true],
    ['yes', 'km', true],
    ['maybe later', 'en', undefined],
  ])('reads %j (%s) as %s', (text, language, expected) => {
    expect(parseYesNo(text, language)).toBe(expected);
  });
});

describe('parseAge', () => {
  it.each<[string, number | undefined]>([
    ['16', 16],
    ["I'm 16", 16],
    ['16歳', 16],
    ['１６さい', 16],
    ['16 tuổi', 16],
    ['16살', 16],
    ['1990', undefined],
    ['none', undefined],
  ])('reads %j as %s', (text, expected) => {
    expect(parseAge(text)).toBe(expected);
  });
});
