/**
 * Rendering of dialog phrases into the user's language, through i18next.
 *
 * Locale files live in `locales/<language>/<namespace>.json` and are all loaded synchronously at
 * startup. No locale ever falls back to another (`fallbackLng: false`): a missing key is an error,
 * reported through `onMissingKey` and caught by the locale check in the test command.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n as I18nInstance } from 'i18next';
import { isPhrase, type Message, type OutboundMessage, type Phrase, type PhraseValue } from '../messages.ts';
import { LOCALES_DIR } from '../paths.ts';
import { LANGUAGES, type Language, type LanguageCode } from './languages.ts';

export { LANGUAGES, type Language, type LanguageCode } from './languages.ts';

export { LOCALES_DIR };

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Reads every `locales/<lng>/<ns>.json` for the languages we support. */
export function readLocaleFiles(dir: string = LOCALES_DIR): Resources {
  const resources: Resources = {};
  for (const { code } of LANGUAGES) {
    const folder = join(dir, code);
    let files: string[];
    try {
      files = readdirSync(folder).filter((file) => file.endsWith('.json'));
    } catch {
      continue;
    }
    const namespaces: Record<string, Record<string, unknown>> = {};
    for (const file of files) {
      const path = join(folder, file);
      try {
        namespaces[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new Error(`readLocaleFiles(): ${path} is not valid JSON: ${(error as Error).message}`);
      }
    }
    resources[code] = namespaces;
  }
  return resources;
}

export function languageOf(code: string): Language {
  const language = LANGUAGES.find((candidate) => candidate.code === code);
  if (!language) throw new Error(`languageOf(): unknown language code ${code}`);
  return language;
}

export interface Translator {
  readonly languages: readonly LanguageCode[];
  /** True when every namespace of that language is loaded (a language we can actually speak). */
  has(code: string): code is LanguageCode;
  render(phrase: Phrase, lng: LanguageCode): string;
  renderMessage(message: Message<Phrase>, lng: LanguageCode): OutboundMessage;
  /** Formats an ISO calendar date for the language (always the date in Asia/Tokyo). */
  formatDate(iso: string, lng: LanguageCode, style?: 'long' | 'full'): string;
  readonly i18next: I18nInstance;
}

export interface TranslatorOptions {
  resources?: Resources;
  onMissingKey?: (lng: string, key: string) => void;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(intl: string, style: 'long' | 'full'): Intl.DateTimeFormat {
  const id = `${intl}|${style}`;
  let format = dateFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(intl, { dateStyle: style, timeZone: 'Asia/Tokyo' });
    dateFormats.set(id, format);
  }
  return format;
}

// Building an Intl formatter costs far more than using one: one per language, kept.
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function weekdayFormat(intl: string): Intl.DateTimeFormat {
  let format = weekdayFormats.get(intl);
  if (!format) {
    format = new Intl.DateTimeFormat(intl, { weekday: 'long', timeZone: 'Asia/Tokyo' });
    weekdayFormats.set(intl, format);
  }
  return format;
}

const listFormats = new Map<string, Intl.ListFormat>();

function listFormat(intl: string): Intl.ListFormat {
  let format = listFormats.get(intl);
  if (!format) {
    format = new Intl.ListFormat(intl, { type: 'conjunction' });
    listFormats.set(intl, format);
  }
  return format;
}

function numberFormat(intl: string): Intl.NumberFormat {
  let format = numberFormats.get(intl);
  if (!format) {
    format = new Intl.NumberFormat(intl);
    numberFormats.set(intl, format);
  }
  return format;
}

/**
 * i18next canonicalises language codes with Intl.getCanonicalLocales, which reads the 4-letter
 * `easy` of `ja-easy` as a script subtag (`ja-Easy`); resources are keyed by that form so that
 * lookups find them, and codes coming back from i18next are mapped to ours.
 */
const i18nextCode = (code: string): string => Intl.getCanonicalLocales(code)[0] ?? code;
/** i18next's form of each code → ours (read by the formatters on every date or number rendered). */
const FROM_I18NEXT = new Map(LANGUAGES.map((l) => [i18nextCode(l.code), l.code]));
const fromI18nextCode = (lng: string): string => FROM_I18NEXT.get(lng) ?? lng;

export function createTranslator(options: TranslatorOptions = {}): Translator {
  const resources = options.resources ?? readLocaleFiles();
  const languages = LANGUAGES.map((l) => l.code).filter((code) => code in resources);
  const instance = i18next.createInstance();
  instance.init({
    resources: Object.fromEntries(Object.entries(resources).map(([code, ns]) => [i18nextCode(code), ns])),
    initAsync: false,
    fallbackLng: false,
    supportedLngs: LANGUAGES.map((l) => i18nextCode(l.code)),
    load: 'currentOnly',
    ns: [...new Set(Object.values(resources).flatMap((namespaces) => Object.keys(namespaces)))],
    defaultNS: 'common',
    nsSeparator: ':',
    keySeparator: '.',
    returnNull: false,
    interpolation: { escapeValue: false },
    saveMissing: true,
    missingKeyHandler: (lngs, _ns, key) => {
      for (const lng of lngs) options.onMissingKey?.(fromI18nextCode(lng), key);
    },
  });

  const formatDate = (iso: string, lng: LanguageCode, style: 'long' | 'full' = 'full') =>
    dateFormat(languageOf(lng).intl, style).format(new Date(`${iso}T12:00:00+09:00`));

  // `{{due, date}}` in a locale string formats an ISO date for that language, in Asia/Tokyo.
  instance.services.formatter?.add('date', (value, lng) =>
    formatDate(String(value), fromI18nextCode(lng ?? 'en') as LanguageCode),
  );
  // `{{on, weekday}}`: the day's name ("Monday"), for dates within the coming week.
  instance.services.formatter?.add('weekday', (value, lng) =>
    weekdayFormat(languageOf(fromI18nextCode(lng ?? 'en')).intl).format(
      new Date(`${String(value)}T12:00:00+09:00`),
    ),
  );
  instance.services.formatter?.add('number', (value, lng) =>
    numberFormat(languageOf(fromI18nextCode(lng ?? 'en')).intl).format(Number(value)),
  );

  const renderValue = (value: PhraseValue, lng: LanguageCode): unknown => {
    if (isPhrase(value)) return render(value, lng);
    if (Array.isArray(value)) {
      const list = listFormat(languageOf(lng).intl);
      return list.format(value.map((item) => String(renderValue(item, lng))));
    }
    return value;
  };

  /**
   * A phrase without values renders to the same string every time (most labels, prompts and
   * buttons): rendered once per language through i18next, then read from here. Missing keys are not
   * cached, so each render still reports them.
   */
  const constants = new Map<string, Map<string, string>>();

  function renderConstant(key: string, lng: LanguageCode): string {
    let cache = constants.get(lng);
    if (!cache) {
      cache = new Map();
      constants.set(lng, cache);
    }
    let text = cache.get(key);
    if (text === undefined) {
      text = instance.t(key, { lng }) as string;
      if (instance.exists(key, { lng })) cache.set(key, text);
    }
    return text;
  }

  function render(phrase: Phrase, userLanguage: LanguageCode): string {
    // A phrase pinned to a language renders its nested phrases in that language too.
    const lng = (phrase.lng as LanguageCode | undefined) ?? userLanguage;
    if (phrase.values === undefined) return renderConstant(phrase.key, lng);
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(phrase.values ?? {})) values[name] = renderValue(value, lng);
    return instance.t(phrase.key, { ...values, lng }) as string;
  }

  function renderMessage(message: Message<Phrase>, lng: LanguageCode): OutboundMessage {
    const r = (p: Phrase) => render(p, lng);
    switch (message.kind) {
      case 'text':
        return { kind: 'text', text: r(message.text) };
      case 'choices':
        return {
          kind: 'choices',
          prompt: r(message.prompt),
          choices: message.choices.map((c) => ({ label: r(c.label), payload: c.payload })),
        };
      case 'date': {
        const { choices, ...rest } = message;
        return {
          ...rest,
          prompt: r(message.prompt),
          ...(choices ? { choices: choices.map((c) => ({ label: r(c.label), payload: c.payload })) } : {}),
        };
      }
      case 'card':
        return {
          kind: 'card',
          title: r(message.title),
          lines: message.lines.map(r),
          buttons: message.buttons.map((b) => ({ ...b, label: r(b.label) })),
        };
      case 'checklist':
        return { kind: 'checklist', title: r(message.title), items: message.items.map(r) };
      case 'call':
      case 'link':
        return { ...message, label: r(message.label) };
    }
  }

  return {
    languages,
    has: (code: string): code is LanguageCode => (languages as string[]).includes(code),
    render,
    renderMessage,
    formatDate,
    i18next: instance,
  };
}
