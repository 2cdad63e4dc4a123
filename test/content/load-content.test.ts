import { describe, expect, it } from 'vitest';
import { ContentError, loadContent, rawContent } from '../../content/index.ts';

type Raw = typeof rawContent;

/** Loads a deep copy of the content after `corrupt` has changed it; returns the error thrown. */
function problemsAfter(corrupt: (copy: Raw) => void): string {
  const copy = structuredClone(rawContent);
  corrupt(copy);
  try {
    loadContent(copy);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).message;
  }
  throw new Error('loadContent() accepted corrupted content');
}

describe('loadContent()', () => {
  it('accepts the content as written', () => {
    expect(Object.keys(loadContent().procedures)).toHaveLength(16);
  });

  it('rejects a phone without display, naming the office and the phone', () => {
    const message = problemsAfter((copy) => {
      const [phone] = copy.directory.offices[2]?.phones ?? [];
      if (phone) delete (phone as { display?: string }).display;
    });
    expect(message).toContain('directory.offices[2] (id "tokyo-bureau").phones[0]');
    expect(message).toContain('.display');
  });

  it('rejects a malformed phone number', () => {
    const message = problemsAfter((copy) => {
      const phone = copy.directory.helpCenters[0]?.phones[0];
      if (phone) phone.display = '0570 013904';
    });
    expect(message).toContain(
      'directory.helpCenters[0] (id "information-center").phones[0] (display "0570 013904")',
    );
  });

  it('rejects an item without a source', () => {
    const message = problemsAfter((copy) => {
      delete (copy.documents[0] as { source?: unknown }).source;
    });
    expect(message).toContain('documents[0] (id "passport").source');
  });

  it('rejects a procedure that needs an unknown document', () => {
    const message = problemsAfter((copy) => {
      copy.procedures['lost-card'].documents?.push({ document: 'birth-certficate', source: { seed: '1-3' } });
    });
    expect(message).toContain('procedures.lost-card.documents: unknown document "birth-certficate"');
  });

  it('rejects a prefecture covered by two bureaus, and one covered by none', () => {
    const message = problemsAfter((copy) => {
      const [sapporo, sendai] = copy.directory.jurisdictions;
      sapporo?.prefectures.push('aomori');
      if (sendai) sendai.prefectures = sendai.prefectures.filter((prefecture) => prefecture !== 'iwate');
    });
    expect(message).toContain(
      'prefecture aomori: covered by 2 bureaus (sapporo-bureau, sendai-bureau), expected 1',
    );
    expect(message).toContain('prefecture iwate: covered by 0 bureaus');
  });

  it('rejects a glossary key outside the glossary namespace', () => {
    const message = problemsAfter((copy) => {
      const status = copy.statuses[0];
      if (status) status.key = 'status.temporary-visitor';
    });
    expect(message).toContain(
      'statuses[0] (id "temporary-visitor").key: expected a key like glossary:group.item',
    );
  });
});
