import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../content/schema.ts';
import { allStrings, content, readJson, walk } from './helpers.ts';

const seedFixture = readJson<{ urls: string[]; phones: string[]; sections: string[] }>(
  'test/fixtures/seed-urls-and-phones.json',
);
const notesFixture = readJson<{ urls: string[]; headings: string[] }>(
  'test/fixtures/content-notes-sources.json',
);

describe('content against the seed', () => {
  const strings = new Set(allStrings(content));

  it.each(seedFixture.urls)('has the seed URL %s', (url) => {
    expect(strings).toContain(url);
  });

  const phoneDisplays = [...walk(content.directory)].flatMap(({ path, value }) =>
    path.endsWith('.display') && typeof value === 'string' ? [value] : [],
  );
  it.each(seedFixture.phones)('has the seed phone number %s', (phone) => {
    expect(phoneDisplays).toContain(phone);
  });
});

describe('sources', () => {
  /** Content items: every object with an id, a document or a url, except departments, which share their office's source. */
  const items = [...walk(content)].filter(
    ({ path, value }) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      ('id' in value || 'document' in value || 'url' in value || 'bureau' in value) &&
      !path.includes('departments') &&
      !path.endsWith('.source'),
  );

  it('finds the items to check', () => {
    expect(items.length).toBeGreaterThan(200);
  });

  it.each(items.map(({ path, value }) => [path, value] as const))('%s has a valid source', (_path, item) => {
    const source = sourceSchema.parse((item as { source?: unknown }).source);
    if ('seed' in source) expect(seedFixture.sections).toContain(source.seed);
    if ('url' in source) expect(notesFixture.urls).toContain(source.url);
    if ('notes' in source) expect(notesFixture.headings).toContain(source.notes);
  });

  it('dates what changes over time: help-line languages and FRESC hours', () => {
    const [informationCenter, fresc] = ['information-center', 'fresc'].map((id) =>
      content.directory.helpCenters.find((center) => center.id === id),
    );
    expect(informationCenter?.languages?.source.asOf).toBe('2021-07');
    expect(fresc?.hours?.source.asOf).toBe('2021');
  });
});
