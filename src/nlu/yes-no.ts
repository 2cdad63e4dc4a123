import type { LanguageCode } from '../i18n/languages.ts';
import { normalizeText } from './normalize.ts';

type Answers = { yes: readonly string[]; no: readonly string[] };

const JAPANESE: Answers = {
  yes: ['はい', 'うん', 'ええ', 'そうです', 'そう', 'お願いします', 'おねがいします'],
  no: ['いいえ', 'いえ', 'いや', 'ううん', 'ちがう', '違う', '違います', 'ちがいます', 'いらない', 'だめ'],
};

/** Short answers to a yes/no question, per language. English is understood in every language. */
const ANSWERS: Readonly<Record<LanguageCode, Answers>> = {
  ja: JAPANESE,
  'ja-easy': JAPANESE,
  en: {
    yes: ['yes', 'yeah', 'yep', 'yup', 'y', 'sure', 'ok', 'okay', 'correct', 'right', 'of course'],
    no: ['no', 'nope', 'nah', 'n', 'not really', 'not'],
  },
  'zh-Hans': {
    yes: ['是', '是的', '对', '对的', '好', '好的', '嗯', '可以'],
    no: ['不', '不是', '没有', '不要', '不对', '否'],
  },
  ko: {
    yes: ['네', '예', '응', '그래', '맞아요', '맞아', '좋아요'],
    no: ['아니요', '아니오', '아니', '아뇨', '싫어요'],
  },
  vi: {
    yes: ['có', 'vâng', 'dạ', 'ừ', 'đúng', 'được', 'uh'],
    no: ['không', 'ko', 'k', 'chưa', 'sai', 'không phải'],
  },
  'pt-BR': { yes: ['sim', 'claro', 'isso', 'certo'], no: ['não', 'nao', 'nunca'] },
  es: { yes: ['sí', 'si', 'claro', 'vale', 'correcto'], no: ['no', 'nunca'] },
  fil: { yes: ['oo', 'opo', 'oho', 'sige', 'tama'], no: ['hindi', 'ayoko', 'hindi po'] },
  ne: { yes: ['हो', 'हजुर', 'हुन्छ', 'ठीक छ'], no: ['होइन', 'छैन', 'हुँदैन'] },
  id: {
    yes: ['ya', 'iya', 'betul', 'benar', 'boleh'],
    no: ['tidak', 'tak', 'bukan', 'nggak', 'gak', 'enggak'],
  },
  th: { yes: ['ใช่', 'ครับ', 'ค่ะ', 'ได้', 'โอเค'], no: ['ไม่', 'ไม่ใช่', 'ไม่ครับ', 'ไม่ค่ะ'] },
  km: { yes: ['បាទ', 'ចាស', 'ត្រូវ', 'យល់ព្រម'], no: ['ទេ', 'មិនមែន', 'អត់'] },
  my: { yes: ['ဟုတ်', 'ဟုတ်ကဲ့', 'ဟုတ်တယ်', 'ရတယ်'], no: ['မဟုတ်', 'မဟုတ်ဘူး', 'မလို'] },
  mn: { yes: ['тийм', 'за', 'тиймээ'], no: ['үгүй', 'биш', 'үгүйээ'] },
  fr: { yes: ['oui', 'ouais', 'd accord', 'bien sûr', 'exact', 'ok'], no: ['non', 'nan', 'pas du tout'] },
  si: { yes: ['ඔව්', 'හරි'], no: ['නැහැ', 'නෑ', 'එපා'] },
  ur: { yes: ['جی', 'ہاں', 'جی ہاں', 'ٹھیک'], no: ['نہیں', 'جی نہیں', 'نہ'] },
  tr: { yes: ['evet', 'tamam', 'olur'], no: ['hayır', 'hayir', 'yok', 'değil'] },
  uk: { yes: ['так', 'звісно', 'авжеж'], no: ['ні', 'не'] },
  bn: { yes: ['হ্যাঁ', 'জি', 'ঠিক আছে'], no: ['না', 'নাহ'] },
};

/** Scripts written without spaces: an answer may be glued to what follows (はいそうです, ไม่ครับผม). */
const UNSPACED =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * Reads a yes/no answer: the longest known answer word the text starts with decides
 * ("いいえ" before "いい", "ไม่ใช่" before "ใช่", "جی نہیں" before "جی"). Undefined otherwise.
 */
export function parseYesNo(text: string, language: LanguageCode): boolean | undefined {
  const normalized = normalizeText(text);
  let best: { length: number; answer: boolean } | undefined;
  for (const answers of [ANSWERS[language], ANSWERS.en]) {
    for (const [answer, words] of [
      [true, answers.yes],
      [false, answers.no],
    ] as const) {
      for (const word of words) {
        const form = normalizeText(word);
        const matches = UNSPACED.test(form)
          ? normalized.startsWith(form)
          : normalized === form || normalized.startsWith(`${form} `);
        if (matches && (!best || form.length > best.length)) best = { length: form.length, answer };
      }
    }
    if (best) return best.answer;
  }
  return undefined;
}
