/**
 * Sources cited by content. Each CONTENT-NOTES source is written once here and referred to by
 * name, so a URL or confidence changes in one place.
 */
import type { z } from 'zod';
import type { sourceSchema } from './schema.ts';

type SourceInput = z.input<typeof sourceSchema>;

/** A section of the seed guidebook chapter, e.g. `seed('1-3')`. */
export function seed(section: string): SourceInput {
  return { seed: section };
}

/** Pages cited both by the seed and by CONTENT-NOTES. */
export const SHARED_URLS = {
  returnCard: 'https://www.moj.go.jp/isa/applications/procedures/nyuukokukanri10_00020.html',
  extensionDocuments: 'https://www.moj.go.jp/isa/applications/procedures/16-3.html',
} as const;

const informationCenterPage = 'https://www.isa.go.jp/en/publications/materials/newimmiact_4_q-and-a.html';

/** CONTENT-NOTES sources, named after what they back. */
export const NOTES = {
  /** Seed errors 1–4 and the card surrendered at the port. */
  returnCardPage: { url: SHARED_URLS.returnCard, confidence: 'H' },
  /** "Errors in the French seed": statute/ISA checked, no single URL for errors 1, 2 and 4. */
  seedErrors: { notes: 'Errors in the French seed', confidence: 'H' },
  extensionTiming: { url: SHARED_URLS.extensionDocuments, confidence: 'M' },
  specialPeriod: {
    url: 'http://www.immi-moj.go.jp/english/newimmiact/koumoku7_english.html',
    confidence: 'H',
  },
  expiryOnClosedDay: { notes: 'Period of stay', confidence: 'L' },
  birthNotification: { notes: 'Counting periods', confidence: 'H' },
  specialReentry: {
    url: 'https://www.isa.go.jp/en/applications/guide/minashisainyukoku.html',
    confidence: 'H',
  },
  reentryPermit: { notes: 'Re-entry', confidence: 'H' },
  departureOrder: {
    url: 'https://www.moj.go.jp/isa/deportation/procedures/tetuduki_taikyo_syutukoku_00001.html',
    confidence: 'H',
  },
  reentryBans: { notes: 'Deportation and departure order', confidence: 'H' },
  residenceCard: { notes: 'Residence card', confidence: 'M' },
  cardValidity: { url: 'https://www.city.shibuya.tokyo.jp/', confidence: 'M' },
  cardLoss: { notes: 'Residence card', confidence: 'M' },
  jurisdictions: { notes: 'Offices and help lines', confidence: 'M' },
  informationCenterHours: { url: informationCenterPage, confidence: 'H' },
  informationCenterLanguages: { url: informationCenterPage, confidence: 'M', asOf: '2021-07' },
  frescHours: { notes: 'Offices and help lines', confidence: 'M', asOf: '2021' },
  /**
   * CONTENT-NOTES "Counting periods": national administrative bodies are closed on Saturdays,
   * Sundays, national holidays and 29 Dec–3 Jan (Act on Holidays of Administrative Organs).
   */
  administrativeHolidays: { notes: 'Counting periods', confidence: 'H' },
  guidebook: { url: 'https://www.moj.go.jp/isa/guidebook_all.html', confidence: 'H' },
  highlySkilled: {
    url: 'https://www.moj.go.jp/isa/applications/resources/nyuukokukanri01_00009.html',
    confidence: 'H',
  },
} as const satisfies Record<string, SourceInput>;
