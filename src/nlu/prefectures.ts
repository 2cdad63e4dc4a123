import { PREFECTURES, type PrefectureId } from '../../content/prefectures.ts';
import { foldDiacritics, normalizeText } from './normalize.ts';

/** Kanji names (without 都/道/府/県, which may follow), in JIS order like PREFECTURES. */
const KANJI =
  '北海道 青森 岩手 宮城 秋田 山形 福島 茨城 栃木 群馬 埼玉 千葉 東京 神奈川 新潟 富山 石川 福井 山梨 長野 岐阜 静岡 愛知 三重 滋賀 京都 大阪 兵庫 奈良 和歌山 鳥取 島根 岡山 広島 山口 徳島 香川 愛媛 高知 福岡 佐賀 長崎 熊本 大分 宮崎 鹿児島 沖縄'.split(
    ' ',
  );
const HIRAGANA =
  'ほっかいどう あおもり いわて みやぎ あきた やまがた ふくしま いばらき とちぎ ぐんま さいたま ちば とうきょう かながわ にいがた とやま いしかわ ふくい やまなし ながの ぎふ しずおか あいち みえ しが きょうと おおさか ひょうご なら わかやま とっとり しまね おかやま ひろしま やまぐち とくしま かがわ えひめ こうち ふくおか さが ながさき くまもと おおいた みやざき かごしま おきなわ'.split(
    ' ',
  );
const HANGUL =
  '홋카이도 아오모리 이와테 미야기 아키타 야마가타 후쿠시마 이바라키 도치기 군마 사이타마 지바 도쿄 가나가와 니가타 도야마 이시카와 후쿠이 야마나시 나가노 기후 시즈오카 아이치 미에 시가 교토 오사카 효고 나라 와카야마 돗토리 시마네 오카야마 히로시마 야마구치 도쿠시마 가가와 에히메 고치 후쿠오카 사가 나가사키 구마모토 오이타 미야자키 가고시마 오키나와'.split(
    ' ',
  );

/** Other spellings: long-vowel romaji, and the big cities' names in other scripts. */
const OTHER_NAMES: Readonly<Partial<Record<PrefectureId, readonly string[]>>> = {
  hokkaido: ['hokkaidou', 'hokkaidoo', 'хоккайдо', 'ฮอกไกโด'],
  tokyo: ['toukyou', 'tokio', 'токио', 'токіо', 'โตเกียว', 'टोकियो', 'টোকিও', 'توکیو', 'តូក្យូ', 'တိုကျို'],
  osaka: ['oosaka', 'oh saka', 'осака', 'โอซาก้า', 'โอซากะ', 'ओसाका', 'ওসাকা', 'اوساکا'],
  kyoto: ['kyouto', 'киото', 'кіото', 'เกียวโต', 'क्योटो'],
  hyogo: ['hyougo'],
  kochi: ['kouchi'],
  oita: ['ooita'],
  gunma: ['gumma'],
  fukuoka: ['фукуока', 'ฟุกุโอกะ'],
  aichi: ['nagoya', 'нагоя', 'นาโกย่า'],
  kanagawa: ['yokohama', 'йокогама', '横浜'],
  okinawa: ['окинава', 'โอกินาว่า'],
};

/** Simplified Chinese forms of the kanji that differ (东京 → 東京, 广岛 → 広島). */
const SIMPLIFIED_TO_JAPANESE: Readonly<Record<string, string>> = {
  东: '東',
  冈: '岡',
  广: '広',
  长: '長',
  儿: '児',
  岛: '島',
  宫: '宮',
  马: '馬',
  贺: '賀',
  爱: '愛',
  绳: '縄',
  冲: '沖',
  枥: '栃',
  叶: '葉',
  库: '庫',
  泻: '潟',
  鸟: '鳥',
  德: '徳',
  县: '県',
};

/**
 * Kana names this short are everyday words or particles (なら "if", さが in さがす, みえ in みえる):
 * they count only alone or followed by 県.
 */
const SHORT_KANA = 2;

interface Name {
  text: string;
  prefecture: PrefectureId;
  wholeWord: boolean;
}

const NAMES: readonly Name[] = PREFECTURES.flatMap((prefecture, index) => [
  { text: KANJI[index] as string, prefecture, wholeWord: false },
  { text: HANGUL[index] as string, prefecture, wholeWord: false },
  { text: prefecture, prefecture, wholeWord: true },
  ...(OTHER_NAMES[prefecture] ?? []).map((text) => ({
    text,
    prefecture,
    wholeWord: /^[a-zа-яіё ]+$/u.test(text),
  })),
]);

/**
 * Finds a prefecture named in a text: kanji (東京都, 大阪府), kana (とうきょう, トウキョウ), romaji
 * with or without macrons and suffixes (Tōkyō-to, Osaka fu, hyogo-ken), Hangul, Simplified
 * Chinese and a few big names in other scripts. The earliest mention wins ("東京都" is Tokyo,
 * not the 京都 inside it).
 */
export function parsePrefecture(text: string): PrefectureId | undefined {
  const normalized = toHiragana(foldDiacritics(normalizeText(text))).replace(
    /[东冈广长儿岛宫马贺爱绳冲枥叶库泻鸟德县]/gu,
    (char) => SIMPLIFIED_TO_JAPANESE[char] ?? char,
  );
  const padded = ` ${normalized} `;
  let best: { position: number; length: number; prefecture: PrefectureId } | undefined;
  const consider = (position: number, length: number, prefecture: PrefectureId) => {
    if (position < 0) return;
    if (!best || position < best.position || (position === best.position && length > best.length))
      best = { position, length, prefecture };
  };
  for (const { text: name, prefecture, wholeWord } of NAMES) {
    consider(wholeWord ? wordPosition(padded, name) : padded.indexOf(name), name.length, prefecture);
  }
  HIRAGANA.forEach((kana, index) => {
    const prefecture = PREFECTURES[index] as PrefectureId;
    if (kana.length > SHORT_KANA) consider(padded.indexOf(kana), kana.length, prefecture);
    else if (normalized === kana || padded.includes(`${kana}けん`))
      consider(padded.indexOf(kana), kana.length, prefecture);
  });
  return best?.prefecture;
}

/** Position of a romanised name as a word, allowing a suffix (tokyo-to, osaka fu, hyogoken). */
function wordPosition(padded: string, name: string): number {
  const match = new RegExp(`(?<=[^\\p{L}])${name}(?=[^\\p{L}]|to |fu |ken |shi )`, 'u').exec(padded);
  return match ? match.index : -1;
}

function toHiragana(text: string): string {
  return text
    .replace(/[\u30a1-\u30f6]/g, (char) => String.fromCharCode((char.codePointAt(0) as number) - 0x60))
    .replace(/ー/g, (mark, offset, whole) => longVowel(whole, offset, mark));
}

/** トーキョー → とうきょう: a long-vowel mark after an o-row kana reads う. */
function longVowel(whole: string, offset: number, mark: string): string {
  const previous = whole[offset - 1] ?? '';
  return 'おこそとのほもよろごぞどぼぽょ'.includes(previous) ? 'う' : mark;
}
