/**
 * Every document a procedure of the seed asks for, once. Procedures list them by id, with the
 * case in which each is needed.
 */
import type { z } from 'zod';
import type { documentSchema } from './schema.ts';
import { NOTES, seed } from './sources.ts';

type DocumentInput = z.input<typeof documentSchema>;

/** An accepted form of a document, e.g. a theft report as proof of loss. */
function variant(id: string, section: string) {
  return { id, key: `glossary:document-variant.${id}`, source: seed(section) };
}

export const documents = [
  { id: 'passport', key: 'glossary:document.passport', source: seed('1-3') },
  { id: 'residence-card', key: 'glossary:document.residence-card', source: seed('1') },
  {
    id: 'photo',
    key: 'glossary:document.photo',
    // Seed 1-3, 2-1, 2-2, 2-3: 4 cm high × 3 cm wide, under six months old, none under 16.
    // CONTENT-NOTES confirms six months (older ISA pages say three: outdated).
    source: seed('1-3'),
    photo: { heightCm: 4, widthCm: 3, takenWithinMonths: 6 },
    notNeededUnderAge: 16,
  },
  {
    id: 'proof-of-loss',
    key: 'glossary:document.proof-of-loss',
    source: seed('1-3'),
    variants: [
      { id: 'loss-certificate', key: 'glossary:document-variant.loss-certificate', source: seed('1-3') },
      { id: 'theft-report', key: 'glossary:document-variant.theft-report', source: seed('1-3') },
      variant('disaster-victim-certificate', '1-3'),
    ],
  },
  { id: 'reissue-application', key: 'glossary:document.reissue-application', source: seed('1-3') },
  { id: 'extension-application', key: 'glossary:document.extension-application', source: seed('2-1') },
  { id: 'change-application', key: 'glossary:document.change-application', source: seed('2-2') },
  {
    id: 'permanent-residence-application',
    key: 'glossary:document.permanent-residence-application',
    source: seed('2-3'),
  },
  { id: 'acquisition-application', key: 'glossary:document.acquisition-application', source: seed('2-4') },
  {
    id: 'extra-activity-application',
    key: 'glossary:document.extra-activity-application',
    source: seed('2-5'),
  },
  { id: 'planned-activities', key: 'glossary:document.planned-activities', source: seed('2-1') },
  { id: 'paid-activity-documents', key: 'glossary:document.paid-activity-documents', source: seed('2-5') },
  { id: 'other-documents', key: 'glossary:document.other-documents', source: seed('2-3') },
  {
    id: 'birth-certificate',
    key: 'glossary:document.birth-certificate',
    source: seed('2-4'),
    obtainedAt: 'municipal-office',
    variants: [
      variant('birth-notification-entries-certificate', '2-4'),
      variant('birth-register-entry-certificate', '2-4'),
      variant('other-proof-of-birth', '2-4'),
    ],
  },
  {
    id: 'certificate-of-residence',
    key: 'glossary:document.certificate-of-residence',
    source: seed('2-4'),
    obtainedAt: 'municipal-office',
    variants: [
      variant('certificate-of-residence-copy', '2-4'),
      variant('resident-register-entries-certificate', '2-4'),
    ],
  },
  // CONTENT-NOTES "Re-entry": the intent to use special re-entry is declared on this card when leaving.
  { id: 'embarkation-card', key: 'glossary:document.embarkation-card', source: NOTES.specialReentry },
] satisfies DocumentInput[];
