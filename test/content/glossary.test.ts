import { describe, expect, it } from 'vitest';
import { PLACES } from '../../content/index.ts';
import { PREFECTURES } from '../../content/prefectures.ts';
import { content, GLOSSARY_LANGUAGES, glossary, lookup, referencedGlossaryKeys } from './helpers.ts';

const referenced = referencedGlossaryKeys(content);
/** Keys derived from content values rather than written in it. */
const derived = [
  ...PLACES.map((place) => `place.${place}`),
  ...PREFECTURES.map((prefecture) => `prefecture.${prefecture}`),
  ...content.directory.helpCenters
    .flatMap((center) => center.languages?.codes ?? [])
    .map((code) => `language.${code}`),
];

describe.each(GLOSSARY_LANGUAGES)('locales/%s/glossary.json', (language) => {
  const tree = glossary(language);

  it.each([...referenced, ...derived])(`has a text for %s`, (key) => {
    expect(lookup(tree, key)?.trim()).toBeTruthy();
  });
});

describe('names a counter clerk needs', () => {
  const ja = glossary('ja');
  it.each(content.statuses.map((status) => status.key.slice('glossary:'.length)))(
    'en and fr %s keep the Japanese official name',
    (key) => {
      const japanese = lookup(ja, key);
      expect(japanese).toBeTruthy();
      for (const language of ['en', 'fr'] as const)
        expect(lookup(glossary(language), key)).toContain(japanese);
    },
  );
});

describe('numbers in the texts agree with the data', () => {
  const en = glossary('en');
  const text = (key: string) => lookup(en, key.replace(/^glossary:/, '')) ?? '';

  it('photo size, age and exemption', () => {
    const photo = content.documents.find((document) => document.id === 'photo');
    expect(photo?.photo).toEqual({ heightCm: 4, widthCm: 3, takenWithinMonths: 6 });
    expect(text('document.photo')).toMatch(/4 cm high × 3 cm wide, taken within the last 6 months.*under 16/);
  });

  it('re-entry bans', () => {
    for (const ban of content.procedures.deportation.details.reentryBans) {
      expect(text(ban.key)).toMatch(
        ban.years === null ? /no time limit/ : new RegExp(`: ${ban.years} years?$`),
      );
    }
  });

  it('points threshold and J-Skip incomes', () => {
    const { pointsThreshold, jSkip } = content.procedures['highly-skilled'].details;
    expect(text('highly-skilled.points-system')).toContain(`${pointsThreshold} points`);
    for (const track of jSkip.tracks) {
      expect(text(track.key)).toContain(`¥${track.minAnnualIncomeYen / 1_000_000} million`);
    }
  });
});
