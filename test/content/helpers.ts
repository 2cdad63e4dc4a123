import { readFileSync } from 'node:fs';
import { loadContent } from '../../content/index.ts';

export const content = loadContent();

export function readJson<T>(relativeToRepo: string): T {
  return JSON.parse(readFileSync(new URL(`../../${relativeToRepo}`, import.meta.url), 'utf8')) as T;
}

/** Every value in a tree, with its path, depth first. */
export function* walk(value: unknown, path = ''): Generator<{ path: string; value: unknown }> {
  yield { path, value };
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* walk(item, `${path}[${index}]`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* walk(item, path ? `${path}.${key}` : key);
  }
}

export function allStrings(tree: unknown): string[] {
  return [...walk(tree)].flatMap(({ value }) => (typeof value === 'string' ? [value] : []));
}

/** The glossary keys content refers to, without the `glossary:` prefix. */
export function referencedGlossaryKeys(tree: unknown): string[] {
  const keys = allStrings(tree).filter((text) => text.startsWith('glossary:'));
  return [...new Set(keys.map((key) => key.slice('glossary:'.length)))].sort();
}

export type Glossary = { [key: string]: string | Glossary };

/** The text at a dotted key (i18next `keySeparator` '.'), or undefined. */
export function lookup(glossary: Glossary, dottedKey: string): string | undefined {
  let node: string | Glossary | undefined = glossary;
  for (const part of dottedKey.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

export const GLOSSARY_LANGUAGES = ['en', 'fr', 'ja'] as const;

export function glossary(language: (typeof GLOSSARY_LANGUAGES)[number]): Glossary {
  return readJson<Glossary>(`locales/${language}/glossary.json`);
}
