/**
 * Seed 2-6: notifications to the regional bureau when the organisation or spouse a status of
 * residence depends on changes, and the key point on highly skilled professionals.
 */
import type { z } from 'zod';
import type { proceduresSchema } from '../schema.ts';
import { NOTES, seed } from '../sources.ts';
import { fact } from './fact.ts';

type Input = z.input<typeof proceduresSchema>;

const table = seed('2-6');

/** Seed 2-6: each table gives the same 14-day period and its own page. */
function underFourteenDayRule(url: string) {
  return { deadlineRule: 'notify-change', link: { url, source: table }, source: table } as const;
}

export const notifyChange = {
  id: 'notify-change',
  nameKey: 'glossary:procedure.notify-change',
  appliesTo: [fact('notify-change', 'statuses-in-tables', table)],
  facts: [fact('notify-change', 'within-14-days', table)],
  deadlineRule: 'notify-change',
  where: ['regional-bureau', 'by-post', 'online'],
  source: table,
  details: {
    tables: [
      {
        id: 'host-organization',
        nameKey: 'glossary:notification.host-organization',
        statuses: [
          { status: 'professor' },
          { status: 'highly-skilled-professional-i-c' },
          {
            status: 'highly-skilled-professional-ii',
            onlyWhenKey: 'glossary:notification-condition.hsp-ii-c-activities',
          },
          { status: 'business-manager' },
          { status: 'legal-accounting-services' },
          { status: 'medical-services' },
          { status: 'instructor' },
          { status: 'intra-company-transferee' },
          { status: 'technical-intern-training' },
          { status: 'student' },
          { status: 'trainee' },
        ],
        items: [
          fact('notify-item', 'host-name-changed', table),
          fact('notify-item', 'host-address-changed', table),
          fact('notify-item', 'host-dissolved', table),
          fact('notify-item', 'left-host', table),
          fact('notify-item', 'transferred-from-host', table),
        ],
        ...underFourteenDayRule(
          'https://www.moj.go.jp/isa/applications/procedures/nyuukokukanri10_00014.html',
        ),
      },
      {
        id: 'contracting-organization',
        nameKey: 'glossary:notification.contracting-organization',
        statuses: [
          { status: 'highly-skilled-professional-i-a' },
          { status: 'highly-skilled-professional-i-b' },
          {
            status: 'highly-skilled-professional-ii',
            onlyWhenKey: 'glossary:notification-condition.hsp-ii-a-or-b-activities',
          },
          { status: 'researcher' },
          { status: 'engineer-specialist-in-humanities-international-services' },
          { status: 'nursing-care' },
          {
            status: 'entertainer',
            onlyWhenKey: 'glossary:notification-condition.entertainer-under-contract',
          },
          { status: 'skilled-labor' },
          { status: 'specified-skilled-worker' },
        ],
        items: [
          fact('notify-item', 'contractor-name-changed', table),
          fact('notify-item', 'contractor-address-changed', table),
          fact('notify-item', 'contractor-dissolved', table),
          fact('notify-item', 'contract-ended', table),
          fact('notify-item', 'new-contract', table),
        ],
        ...underFourteenDayRule(
          'https://www.moj.go.jp/isa/applications/procedures/nyuukokukanri10_00015.html',
        ),
      },
      {
        id: 'spouse',
        nameKey: 'glossary:notification.spouse',
        statuses: [
          { status: 'dependent' },
          {
            status: 'spouse-or-child-of-japanese-national',
            onlyWhenKey: 'glossary:notification-condition.as-spouse',
          },
          {
            status: 'spouse-or-child-of-permanent-resident',
            onlyWhenKey: 'glossary:notification-condition.as-spouse',
          },
        ],
        items: [fact('notify-item', 'divorce', table), fact('notify-item', 'spouse-died', table)],
        ...underFourteenDayRule(
          'https://www.moj.go.jp/isa/applications/procedures/nyuukokukanri10_00016.html',
        ),
      },
    ],
    ways: [
      { place: 'regional-bureau', source: table },
      { place: 'by-post', source: table },
      {
        place: 'online',
        link: { url: 'https://www.moj.go.jp/isa/publications/materials/i-ens_index.html', source: table },
        source: table,
      },
    ],
  },
} satisfies Input['notify-change'];

export const highlySkilled = {
  id: 'highly-skilled',
  nameKey: 'glossary:procedure.highly-skilled',
  appliesTo: [fact('highly-skilled', 'expected-contributors', table)],
  facts: [fact('highly-skilled', 'points-system', table), fact('highly-skilled', 'j-skip', table)],
  where: ['regional-bureau'],
  links: [{ url: 'https://www.moj.go.jp/isa/publications/materials/newimmiact_3_index.html', source: table }],
  source: table,
  details: {
    // Seed 2-6 and CONTENT-NOTES "Highly skilled professionals": 70 points or more.
    pointsThreshold: 70,
    pointFactors: [
      fact('hsp-points', 'academic-background', table),
      fact('hsp-points', 'career', table),
      fact('hsp-points', 'annual-income', table),
    ],
    benefits: [
      fact('hsp-benefit', 'multiple-activities', table),
      fact('hsp-benefit', 'five-year-stay', table),
      fact('hsp-benefit', 'easier-permanent-residence', table),
    ],
    jSkip: {
      introduced: '2023-04',
      tracks: [
        {
          id: 'research-or-engineering',
          key: 'glossary:j-skip.research-or-engineering',
          qualifiesWithAnyOf: [{ kind: 'masters-degree' }, { kind: 'experience', minYears: 10 }],
          minAnnualIncomeYen: 20_000_000,
          source: NOTES.highlySkilled,
        },
        {
          id: 'business-management',
          key: 'glossary:j-skip.business-management',
          qualifiesWithAnyOf: [{ kind: 'experience', minYears: 5 }],
          minAnnualIncomeYen: 40_000_000,
          source: NOTES.highlySkilled,
        },
      ],
      link: {
        url: 'https://www.moj.go.jp/isa/publications/materials/nyuukokukanri01_00009.html',
        source: table,
      },
      source: table,
    },
  },
} satisfies Input['highly-skilled'];
