/**
 * The languages Madoguchi speaks: the union of the ISA information services' 17 languages and
 * the guidebook's editions (see CONTENT-NOTES "Offices and help lines").
 *
 * `code` is our canonical code (the `locales/` folder name and i18next language); `intl` is the
 * BCP 47 tag used with Intl for dates and numbers; `name` is the language's own name, shown in the
 * language menu.
 */
export interface Language {
  code: string;
  intl: string;
  name: string;
  dir: 'ltr' | 'rtl';
}

export const LANGUAGES = [
  { code: 'ja', intl: 'ja-JP', name: '日本語', dir: 'ltr' },
  { code: 'ja-easy', intl: 'ja-JP', name: 'やさしい にほんご', dir: 'ltr' },
  { code: 'en', intl: 'en', name: 'English', dir: 'ltr' },
  { code: 'zh-Hans', intl: 'zh-Hans-CN', name: '简体中文', dir: 'ltr' },
  { code: 'ko', intl: 'ko-KR', name: '한국어', dir: 'ltr' },
  { code: 'vi', intl: 'vi-VN', name: 'Tiếng Việt', dir: 'ltr' },
  { code: 'pt-BR', intl: 'pt-BR', name: 'Português (Brasil)', dir: 'ltr' },
  { code: 'es', intl: 'es', name: 'Español', dir: 'ltr' },
  { code: 'fil', intl: 'fil-PH', name: 'Filipino', dir: 'ltr' },
  { code: 'ne', intl: 'ne-NP', name: 'नेपाली', dir: 'ltr' },
  { code: 'id', intl: 'id-ID', name: 'Bahasa Indonesia', dir: 'ltr' },
  { code: 'th', intl: 'th-TH', name: 'ไทย', dir: 'ltr' },
  { code: 'km', intl: 'km-KH', name: 'ខ្មែរ', dir: 'ltr' },
  { code: 'my', intl: 'my-MM', name: 'မြန်မာ', dir: 'ltr' },
  { code: 'mn', intl: 'mn-MN', name: 'Монгол', dir: 'ltr' },
  { code: 'fr', intl: 'fr-FR', name: 'Français', dir: 'ltr' },
  { code: 'si', intl: 'si-LK', name: 'සිංහල', dir: 'ltr' },
  { code: 'ur', intl: 'ur-PK', name: 'اردو', dir: 'rtl' },
  { code: 'tr', intl: 'tr-TR', name: 'Türkçe', dir: 'ltr' },
  { code: 'uk', intl: 'uk-UA', name: 'Українська', dir: 'ltr' },
  { code: 'bn', intl: 'bn-BD', name: 'বাংলা', dir: 'ltr' },
] as const satisfies readonly Language[];

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const DEFAULT_LANGUAGE: LanguageCode = 'en';
