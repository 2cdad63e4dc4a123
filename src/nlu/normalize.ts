/**
 * Text normalisation shared by the classifier and the entity parsers, so that what users type
 * (full-width digits, half-width katakana, capitals, stray punctuation, missing accents) meets
 * the training data on equal terms.
 */

/** NFKC folds full-width/half-width forms (ｚａｉｒｙｕ, ｶｰﾄﾞ, ２０２６) into their usual forms. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Removes Latin/Cyrillic combining accents (U+0300–U+036F only: the vowel signs of Indic,
 * Southeast Asian scripts and the kana voicing marks live in other blocks and are kept), so that
 * "tôi bị mất thẻ" and "toi bi mat the", "séjour" and "sejour" share features.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}
