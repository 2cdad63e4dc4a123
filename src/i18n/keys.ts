/**
 * Translation keys as a type, built from the reference (English) locale files, so that a phrase
 * key written in the code is checked by the compiler (`tsc --noEmit`, part of `npm test`).
 * Keys assembled at run time (from content, or from a variable) are checked by the locale and path
 * tests instead.
 */
type English = {
  common: typeof import('../../locales/en/common.json');
  glossary: typeof import('../../locales/en/glossary.json');
  reminders: typeof import('../../locales/en/reminders.json');
  'card-issuance': typeof import('../../locales/en/card-issuance.json');
  'change-status': typeof import('../../locales/en/change-status.json');
  deportation: typeof import('../../locales/en/deportation.json');
  'extend-stay': typeof import('../../locales/en/extend-stay.json');
  'extra-activity': typeof import('../../locales/en/extra-activity.json');
  'find-office': typeof import('../../locales/en/find-office.json');
  'highly-skilled': typeof import('../../locales/en/highly-skilled.json');
  'isa-info': typeof import('../../locales/en/isa-info.json');
  'lost-card': typeof import('../../locales/en/lost-card.json');
  'move-in': typeof import('../../locales/en/move-in.json');
  newborn: typeof import('../../locales/en/newborn.json');
  'notify-change': typeof import('../../locales/en/notify-change.json');
  'permanent-residence': typeof import('../../locales/en/permanent-residence.json');
  reentry: typeof import('../../locales/en/reentry.json');
  refugee: typeof import('../../locales/en/refugee.json');
  'residence-card': typeof import('../../locales/en/residence-card.json');
  'return-card': typeof import('../../locales/en/return-card.json');
};

type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** i18next picks `key_one`, `key_other`… from `key` and a count: the code names the stem. */
type WithoutPlural<K extends string> =
  K extends `${infer Stem}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Stem : K;

export type TranslationKey = {
  [Namespace in keyof English & string]: `${Namespace}:${WithoutPlural<Paths<English[Namespace]>>}`;
}[keyof English & string];

/**
 * A key literal must be a real key; a template such as `common:intent.${string}` must match at
 * least one; a key only known at run time (type `string`) passes, and is checked by the tests.
 */
export type CheckedKey<K extends string> = string extends K
  ? K
  : [Extract<TranslationKey, K>] extends [never]
    ? never
    : K;
