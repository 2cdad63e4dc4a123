import { describe, expect, it } from 'vitest';
import { checkLocales, variablesOf } from '../../src/i18n/check-locales.ts';
import { readLocaleFiles } from '../../src/i18n/index.ts';

const en = {
  common: {
    greeting: 'Hello {{name}}',
    due: 'Due by {{due, date}}',
    left_one: '{{count}} day left',
    left_other: '{{count}} days left',
  },
};

const problemsOf = (resources: Parameters<typeof checkLocales>[0]) =>
  checkLocales(resources).map(({ language, key, problem }) => `${language} ${key}: ${problem.split(':')[0]}`);

describe('checkLocales', () => {
  it("accepts a complete translation with the locale's own plural forms", () => {
    const ja = {
      common: { greeting: 'こんにちは {{name}}', due: '{{due, date}}まで', left_other: 'あと{{count}}日' },
    };
    expect(checkLocales({ en, ja })).toEqual([]);
  });

  it('reports a missing key, a missing namespace and an extra key', () => {
    const fr = {
      common: {
        greeting: 'Bonjour {{name}}',
        left_one: '{{count}} jour',
        left_many: '{{count}} jours',
        left_other: '{{count}} jours',
        bonus: 'x',
      },
    };
    expect(problemsOf({ en: { ...en, other: { a: 'A' } }, fr })).toEqual([
      'fr other:*: namespace file locales/fr/other.json is missing',
      'fr common:due: missing',
      'fr other:a: missing',
      'fr common:bonus: extra key',
    ]);
  });

  it('reports a variable that differs from English, and an empty string', () => {
    const fr = {
      common: {
        greeting: 'Bonjour {{nom}}',
        due: '',
        left_one: '{{count}} jour',
        left_many: '{{count}} jours',
        left_other: '{{count}} jours',
      },
    };
    expect(problemsOf({ en, fr })).toEqual([
      'fr common:due: empty string',
      'fr common:greeting: variables {nom} differ from English {name}',
      'fr common:due: variables {} differ from English {due}',
    ]);
  });

  it('reports English left in a non-Latin locale, but not a value made only of variables', () => {
    const ko = {
      common: { greeting: 'Hello {{name}}', due: '{{due, date}}', left_other: '{{count}}일 남음' },
    };
    expect(problemsOf({ en: { common: { ...en.common, due: '{{due, date}}' } }, ko })).toEqual([
      'ko common:greeting: identical to English',
    ]);
  });

  it("reports a plural form the locale's rules need", () => {
    const uk = {
      common: {
        greeting: 'Привіт {{name}}',
        due: 'До {{due, date}}',
        left_one: '{{count}} день',
        left_other: '{{count}} днів',
      },
    };
    expect(problemsOf({ en, uk })).toEqual([
      'uk common:left_few: plural form "few" missing (uk uses one/few/many/other)',
      'uk common:left_many: plural form "many" missing (uk uses one/few/many/other)',
    ]);
  });

  it('reads format names as part of the variable', () => {
    expect([...variablesOf('{{due, date}} and {{ count }} and {{legalDue,date}}')]).toEqual([
      'due',
      'count',
      'legalDue',
    ]);
  });

  it('passes on the locales in the repository', () => {
    expect(checkLocales(readLocaleFiles())).toEqual([]);
  });
});
