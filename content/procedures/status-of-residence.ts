/**
 * Seed section 2-1 to 2-5: procedures about the status of residence, all filed at a regional
 * immigration services bureau.
 */
import type { z } from 'zod';
import type { proceduresSchema, requirementSchema } from '../schema.ts';
import { NOTES, SHARED_URLS, seed } from '../sources.ts';
import { fact } from './fact.ts';

type Input = z.input<typeof proceduresSchema>;
type Requirement = z.input<typeof requirementSchema>;

/** Passport, residence card and photo: the start of the lists in seed 2-1, 2-2 and 2-3. */
function identityDocuments(section: string, cardCondition?: string): Requirement[] {
  const card: Requirement = { document: 'residence-card', source: seed(section) };
  return [
    { document: 'passport', source: seed(section) },
    cardCondition ? { ...card, conditionKey: cardCondition } : card,
    { document: 'photo', source: seed(section) },
  ];
}

const IF_ALREADY_ISSUED = 'glossary:document-condition.if-already-issued';

/** CONTENT-NOTES "Period of stay": facts common to extension and change applications. */
const pendingApplicationFacts = [
  fact('period-of-stay', 'special-period', NOTES.specialPeriod),
  fact('period-of-stay', 'expiry-on-closed-day', NOTES.expiryOnClosedDay),
  fact('period-of-stay', 'overstay-one-day', seed('5-1')),
];

export const extendStay = {
  id: 'extend-stay',
  nameKey: 'glossary:procedure.extend-stay',
  appliesTo: [fact('extend-stay', 'staying-beyond-period', seed('2-1'))],
  facts: [
    fact('extend-stay', 'apply-before-expiry', seed('1-1')),
    fact('extend-stay', 'apply-from-three-months-before', NOTES.extensionTiming),
    fact('extend-stay', 'new-card-if-granted', seed('1-1')),
    ...pendingApplicationFacts,
  ],
  documents: [
    ...identityDocuments('2-1', IF_ALREADY_ISSUED),
    {
      document: 'extension-application',
      link: { url: 'https://www.moj.go.jp/isa/applications/procedures/16-3-1.html', source: seed('2-1') },
      source: seed('2-1'),
    },
    {
      document: 'planned-activities',
      link: { url: SHARED_URLS.extensionDocuments, source: seed('2-1') },
      source: seed('2-1'),
    },
  ],
  deadlineRule: 'extend-stay',
  where: ['regional-bureau'],
  source: seed('2-1'),
} satisfies Input['extend-stay'];

export const changeStatus = {
  id: 'change-status',
  nameKey: 'glossary:procedure.change-status',
  appliesTo: [fact('change-status', 'changing-purpose', seed('2-2'))],
  facts: [fact('change-status', 'new-card-if-granted', seed('1-1')), ...pendingApplicationFacts],
  documents: [
    ...identityDocuments('2-2', IF_ALREADY_ISSUED),
    {
      document: 'change-application',
      link: { url: 'https://www.moj.go.jp/isa/applications/procedures/16-2-1.html', source: seed('2-2') },
      source: seed('2-2'),
    },
    {
      document: 'planned-activities',
      link: { url: 'https://www.moj.go.jp/isa/applications/procedures/16-2.html', source: seed('2-2') },
      source: seed('2-2'),
    },
  ],
  where: ['regional-bureau'],
  links: [
    {
      url: 'https://www.moj.go.jp/isa/applications/status/index.html',
      topicKey: 'glossary:link-topic.search-by-status',
      source: seed('2-2'),
    },
  ],
  source: seed('2-2'),
} satisfies Input['change-status'];

export const permanentResidence = {
  id: 'permanent-residence',
  nameKey: 'glossary:procedure.permanent-residence',
  appliesTo: [fact('permanent-residence', 'wishing-to-stay-permanently', seed('2-3'))],
  facts: [
    fact('permanent-residence', 'any-activity', seed('2-3')),
    fact('permanent-residence', 'no-time-limit', seed('2-3')),
    fact('permanent-residence', 'no-extension-or-change', seed('2-3')),
  ],
  documents: [
    ...identityDocuments('2-3'),
    { document: 'permanent-residence-application', source: seed('2-3') },
    { document: 'other-documents', source: seed('2-3') },
  ],
  where: ['regional-bureau'],
  links: [{ url: 'https://www.moj.go.jp/isa/applications/procedures/16-4.html', source: seed('2-3') }],
  source: seed('2-3'),
} satisfies Input['permanent-residence'];

export const newborn = {
  id: 'newborn',
  nameKey: 'glossary:procedure.newborn',
  appliesTo: [fact('newborn', 'child-born-in-japan', seed('2-4'))],
  facts: [
    fact('newborn', 'apply-within-30-days', seed('2-4')),
    fact('newborn', 'declare-birth-first', seed('2-4')),
    // Family Register Act arts. 43, 49: a separate rule, counting the day of birth.
    fact('newborn', 'birth-notification-14-days', NOTES.birthNotification),
    fact('newborn', 'new-card-if-granted', seed('1-1')),
  ],
  documents: [
    { document: 'passport', conditionKey: IF_ALREADY_ISSUED, source: seed('2-4') },
    { document: 'acquisition-application', source: seed('2-4') },
    { document: 'birth-certificate', source: seed('2-4') },
    {
      document: 'planned-activities',
      conditionKey: 'glossary:document-condition.for-the-child',
      source: seed('2-4'),
    },
    { document: 'certificate-of-residence', source: seed('2-4') },
  ],
  deadlineRule: 'newborn',
  where: ['municipal-office', 'regional-bureau'],
  links: [{ url: 'https://www.moj.go.jp/isa/applications/procedures/16-10.html', source: seed('2-4') }],
  source: seed('2-4'),
  details: { applicationNeededIfStayingBeyondDays: 60 },
} satisfies Input['newborn'];

export const extraActivity = {
  id: 'extra-activity',
  nameKey: 'glossary:procedure.extra-activity',
  appliesTo: [
    fact('extra-activity', 'working-under-non-working-status', seed('2-5')),
    fact('extra-activity', 'activities-outside-status', seed('2-5')),
  ],
  documents: [
    { document: 'passport', source: seed('2-5') },
    { document: 'residence-card', source: seed('2-5') },
    { document: 'extra-activity-application', source: seed('2-5') },
    { document: 'paid-activity-documents', source: seed('2-5') },
  ],
  where: ['regional-bureau'],
  links: [{ url: 'https://www.moj.go.jp/isa/applications/procedures/16-8.html', source: seed('2-5') }],
  source: seed('2-5'),
  details: { exampleStatuses: ['student', 'dependent'] },
} satisfies Input['extra-activity'];
