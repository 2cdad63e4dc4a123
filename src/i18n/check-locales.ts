/**
 * The locale check run by the test command: every locale must match the reference (English) key
 * for key, so that no language is silently half-translated.
 *
 * Problems reported: a namespace or key missing, an extra key, an interpolation variable that
 * differs from the reference, an empty string, a value identical to English in a locale whose
 * script is not Latin (an untranslated copy), a plural form missing for the locale's plural rules.
 */

import type { Resources } from './index.ts';
import { LANGUAGES, type LanguageCode } from './languages.ts';

export const REFERENCE_LANGUAGE: LanguageCode = 'en';

/** Locales written in a non-Latin script: an English value there is an untranslated copy. */
const NON_LATIN: ReadonlySet<string> = new Set([
  'ja',
  'ja-easy',
  'zh-Hans',
  'ko',
  'ne',
  'th',
  'km',
  'my',
  'mn',
  'si',
  'ur',
  'uk',
  'bn',
]);

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

export interface LocaleProblem {
  language: string;
  key: string;
  problem: string;
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
}

function flatKeys(namespaces: Record<string, Record<string, unknown>>): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  for (const [namespace, tree] of Object.entries(namespaces)) flatten(tree, `${namespace}:`, keys);
  // flatten() joins the first level with a dot after the colon; normalise `ns:.key` to `ns:key`.
  return new Map([...keys].map(([key, value]) => [key.replace(':.', ':'), value]));
}

/** The `{{name}}` variables of a value (formats like `{{due, date}}` count as `due`); `count` is i18next's own. */
export function variablesOf(value: string): Set<string> {
  const names = new Set<string>();
  for (const match of value.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)) names.add(match[1] as string);
  return names;
}

function pluralCategories(language: string): string[] {
  const intl = LANGUAGES.find((l) => l.code === language)?.intl ?? language;
  return new Intl.PluralRules(intl).resolvedOptions().pluralCategories;
}

function same(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((name) => b.has(name));
}

export function checkLocales(
  resources: Resources,
  reference: LanguageCode = REFERENCE_LANGUAGE,
): LocaleProblem[] {
  const problems: LocaleProblem[] = [];
  const base = resources[reference];
  if (!base) return [{ language: reference, key: '*', problem: 'the reference locale is missing' }];
  const referenceKeys = flatKeys(base);
  // Plural keys of the reference, by their base key: `common:deadline.daysLeft` → variables.
  const plurals = new Map<string, Set<string>>();
  const singulars = new Map<string, unknown>();
  for (const [key, value] of referenceKeys) {
    const match = PLURAL_SUFFIX.exec(key);
    if (match) {
      const stem = key.slice(0, match.index);
      const variables = plurals.get(stem) ?? new Set<string>();
      for (const name of variablesOf(String(value))) variables.add(name);
      plurals.set(stem, variables);
    } else {
      singulars.set(key, value);
    }
  }

  for (const [language, namespaces] of Object.entries(resources)) {
    const report = (key: string, problem: string) => problems.push({ language, key, problem });
    for (const namespace of Object.keys(base)) {
      if (!(namespace in namespaces))
        report(`${namespace}:*`, `namespace file locales/${language}/${namespace}.json is missing`);
    }
    const keys = flatKeys(namespaces);
    for (const [key, value] of keys) {
      if (typeof value !== 'string') report(key, 'value is not a string');
      else if (value.trim() === '') report(key, 'empty string');
    }
    if (language === reference) continue;

    for (const [key, expected] of singulars) {
      const value = keys.get(key);
      if (value === undefined) {
        report(key, 'missing');
        continue;
      }
      if (typeof value !== 'string') continue;
      if (!same(variablesOf(value), variablesOf(String(expected)))) {
        report(
          key,
          `variables {${[...variablesOf(value)].join(', ')}} differ from English {${[...variablesOf(String(expected))].join(', ')}}`,
        );
      }
      const letters = value.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)/g, '');
      if (NON_LATIN.has(language) && value === expected && /\p{L}{2,}/u.test(letters)) {
        report(key, 'identical to English: not translated');
      }
    }
    const categories = pluralCategories(language);
    for (const [stem, variables] of plurals) {
      for (const category of categories) {
        const value = keys.get(`${stem}_${category}`);
        if (value === undefined)
          report(
            `${stem}_${category}`,
            `plural form "${category}" missing (${language} uses ${categories.join('/')})`,
          );
        else if (typeof value === 'string' && !same(variablesOf(value), variables)) {
          report(`${stem}_${category}`, `variables differ from English {${[...variables].join(', ')}}`);
        }
      }
    }
    for (const key of keys.keys()) {
      const match = PLURAL_SUFFIX.exec(key);
      const known = match
        ? plurals.has(key.slice(0, match.index)) && categories.includes(match[1] as string)
        : singulars.has(key);
      if (!known) report(key, 'extra key: not in English (remove it, or add it to English first)');
    }
  }
  return problems;
}
