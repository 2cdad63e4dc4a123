/** Seed 4: recognition of refugee status (難民認定). */
import type { z } from 'zod';
import type { proceduresSchema } from '../schema.ts';
import { seed } from '../sources.ts';
import { fact } from './fact.ts';

export const refugee = {
  id: 'refugee',
  nameKey: 'glossary:procedure.refugee',
  appliesTo: [fact('refugee', 'foreign-nationals-in-japan', seed('4-2'))],
  facts: [fact('refugee', 'convention-and-protocol', seed('4'))],
  where: ['regional-bureau', 'ministry-of-justice'],
  links: [
    {
      url: 'https://www.moj.go.jp/isa/applications/procedures/nanmin_tetuduki_00001.html',
      topicKey: 'glossary:link-topic.refugee-application',
      source: seed('4-2'),
    },
    {
      url: 'https://www.moj.go.jp/isa/applications/procedures/16-6.html',
      topicKey: 'glossary:link-topic.refugee-application',
      source: seed('4-2'),
    },
    {
      url: 'https://www.moj.go.jp/isa/applications/guide/nanmin_tetuduki.html',
      topicKey: 'glossary:link-topic.refugee-review',
      source: seed('4-3'),
    },
  ],
  source: seed('4'),
  details: {
    definition: fact('refugee', 'definition', seed('4-1')),
    application: [
      fact('refugee', 'certificate-and-long-term-status', seed('4-2')),
      fact('refugee', 'travel-document', seed('4-2')),
      fact('refugee', 'settlement-support', seed('4-2')),
    ],
    review: [
      fact('refugee', 'administrative-review', seed('4-3')),
      fact('refugee', 'review-counsellors', seed('4-3')),
    ],
  },
} satisfies z.input<typeof proceduresSchema>['refugee'];
