import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTranslator, LANGUAGES, readLocaleFiles } from '../../src/i18n/index.ts';

describe('the 21 languages', () => {
  const resources = readLocaleFiles();

  it('all have their locale files', () => {
    expect(Object.keys(resources).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  it('each record how they were produced and whether a person reviewed them', () => {
    const provenance = JSON.parse(
      readFileSync(new URL('../../locales/provenance.json', import.meta.url), 'utf8'),
    );
    for (const { code } of LANGUAGES) {
      expect(provenance[code], code).toMatchObject({
        produced: expect.any(String),
        reviewed: expect.any(Boolean),
      });
    }
  });

  it('each render in their own language, Easy Japanese included (never replaced by Japanese)', () => {
    const translator = createTranslator({ resources });
    const greetings = new Set(
      LANGUAGES.map(({ code }) => translator.render({ key: 'common:greeting' }, code)),
    );
    expect(greetings.size).toBe(LANGUAGES.length);
    expect(translator.render({ key: 'common:language.name' }, 'ja-easy')).not.toBe(
      translator.render({ key: 'common:language.name' }, 'ja'),
    );
  });
});
