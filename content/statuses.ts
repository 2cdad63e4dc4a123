/**
 * Statuses of residence the seed names, grouped by the section that first names them. Their names
 * (with the Japanese official name) are in the glossary under `status.<id>`.
 */
import type { z } from 'zod';
import type { statusSchema } from './schema.ts';
import { seed } from './sources.ts';

function statusesFrom(section: string, ids: readonly string[]): z.input<typeof statusSchema>[] {
  return ids.map((id) => ({ id, key: `glossary:status.${id}`, source: seed(section) }));
}

export const statuses = [
  // Seed 1: statuses for which no card is issued ("Diplôme" corrected to Diplomat).
  ...statusesFrom('1', ['temporary-visitor', 'diplomat', 'official', 'designated-activities']),
  ...statusesFrom('2-3', ['permanent-resident']),
  // Seed 2-6: the three notification tables and the highly skilled professional key point.
  ...statusesFrom('2-6', [
    'professor',
    'highly-skilled-professional',
    'highly-skilled-professional-i-a',
    'highly-skilled-professional-i-b',
    'highly-skilled-professional-i-c',
    'highly-skilled-professional-ii',
    'business-manager',
    'legal-accounting-services',
    'medical-services',
    'instructor',
    'intra-company-transferee',
    'technical-intern-training',
    'student',
    'trainee',
    'researcher',
    'engineer-specialist-in-humanities-international-services',
    'nursing-care',
    'entertainer',
    'skilled-labor',
    'specified-skilled-worker',
    'dependent',
    'spouse-or-child-of-japanese-national',
    'spouse-or-child-of-permanent-resident',
  ]),
] satisfies z.input<typeof statusSchema>[];
