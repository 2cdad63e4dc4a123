/**
 * The shape of Madoguchi's content: facts from the ISA guidebook chapter (the "seed") and from
 * CONTENT-NOTES, each with its source. Text shown to users is never here, only i18next keys into
 * the `glossary` namespace (`locales/<lng>/glossary.json`).
 *
 * The data files (`documents.ts`, `procedures/*.ts`, `directory/*.ts`…) are written against
 * `z.input` of these schemas; `loadContent()` parses them at startup.
 */
import { z } from 'zod';
import { PREFECTURES } from './prefectures.ts';

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Ids are kebab-case everywhere (content, dialogs, locales). */
export const idSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id');

/** An i18next key in the glossary namespace, e.g. `glossary:document.passport`. */
export const messageKeySchema = z
  .string()
  .regex(/^glossary:[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'expected a key like glossary:group.item');

/** A year, month or day (`2021`, `2021-07`, `2024-06-10`): sources are often only that precise. */
export const partialDateSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

/** H = statute or official ISA page, M = several reputable secondary sources, L = one unofficial source. */
export const confidenceSchema = z.enum(['H', 'M', 'L']);

/** A section of the seed guidebook chapter: `1`, `1-3`, `2-6`… */
export const seedSectionSchema = z.string().regex(/^[1-7](-[1-9])?$/, 'expected a seed section like 1-3');

/**
 * Where a fact comes from. `seed`: the guidebook chapter section. `url`: a page cited in
 * CONTENT-NOTES, with its confidence. `notes`: a fact CONTENT-NOTES states without a URL (named
 * by its CONTENT-NOTES heading). `asOf` on anything that changes over time.
 */
export const sourceSchema = z.union([
  z.strictObject({ seed: seedSectionSchema, asOf: partialDateSchema.optional() }),
  z.strictObject({ url: z.url(), confidence: confidenceSchema, asOf: partialDateSchema.optional() }),
  z.strictObject({
    notes: z.string().min(1),
    confidence: confidenceSchema,
    asOf: partialDateSchema.optional(),
  }),
]);

/** One fact to show to users: its text lives in the glossary under `key`. */
export const statementSchema = z.strictObject({
  id: idSchema,
  key: messageKeySchema,
  source: sourceSchema,
});

/** An official page to link to. */
export const linkSchema = z.strictObject({
  url: z.url(),
  /** What the page is about, when the procedure has several links. */
  topicKey: messageKeySchema.optional(),
  source: sourceSchema,
});

export const prefectureIdSchema = z.enum(PREFECTURES);

/** Where a procedure is done. `regional-bureau` includes district offices and branches (seed 1-1 iii). */
export const PLACES = [
  'regional-bureau',
  'municipal-office',
  'port-of-departure',
  'airport-on-arrival',
  'ministry-of-justice',
  'by-post',
  'online',
] as const;
export const placeSchema = z.enum(PLACES);

/** Rule ids of the deadline engine (built separately); content only names which rule applies. */
export const DEADLINE_RULES = [
  'move-in',
  'lost-card',
  'return-card',
  'notify-change',
  'newborn',
  'extend-stay',
  'reentry',
] as const;
export const deadlineRuleSchema = z.enum(DEADLINE_RULES);

// ---------------------------------------------------------------------------------------------
// Statuses of residence and documents

export const statusSchema = z.strictObject({
  id: idSchema,
  key: messageKeySchema,
  source: sourceSchema,
});

export const documentSchema = z.strictObject({
  id: idSchema,
  key: messageKeySchema,
  source: sourceSchema,
  /** Size and age of an identity photo. */
  photo: z
    .strictObject({
      heightCm: z.number().positive(),
      widthCm: z.number().positive(),
      takenWithinMonths: z.number().int().positive(),
    })
    .optional(),
  /** Not required for applicants younger than this age (photo: under 16). */
  notNeededUnderAge: z.number().int().positive().optional(),
  /** Accepted forms of the document (e.g. the kinds of proof of loss). */
  variants: z.array(statementSchema).optional(),
  /** Where the applicant obtains it, when the seed says. */
  obtainedAt: placeSchema.optional(),
});

/** A document a procedure needs, optionally only in some cases. */
export const requirementSchema = z.strictObject({
  document: idSchema,
  conditionKey: messageKeySchema.optional(),
  /** Form download or list of documents for this procedure. */
  link: linkSchema.optional(),
  source: sourceSchema,
});

// ---------------------------------------------------------------------------------------------
// Procedures

const procedureFields = {
  nameKey: messageKeySchema,
  /** Who the procedure is for. */
  appliesTo: z.array(statementSchema).min(1),
  /** Conditions, cases and other facts to tell the user. */
  facts: z.array(statementSchema).default([]),
  documents: z.array(requirementSchema).default([]),
  deadlineRule: deadlineRuleSchema.optional(),
  where: z.array(placeSchema).default([]),
  links: z.array(linkSchema).default([]),
  source: sourceSchema,
};

/** A procedure with no section-specific data. */
export function procedureSchema<const Id extends string>(id: Id) {
  return z.strictObject({ id: z.literal(id), ...procedureFields });
}

/** A procedure with section-specific data under `details`. */
export function procedureWithDetailsSchema<const Id extends string, Details extends z.ZodType>(
  id: Id,
  details: Details,
) {
  return z.strictObject({ id: z.literal(id), ...procedureFields, details });
}

/** A fact that refers to statuses of residence (e.g. "Diplomat or Official"). */
export const statusCaseSchema = statementSchema.extend({ statuses: z.array(idSchema).default([]) });

/** Seed 1-1: the five situations in which a card is issued. */
export const issuanceCaseSchema = z.strictObject({
  /** The seed's item number (i–v, after correcting the duplicated iv). */
  item: z.enum(['i', 'ii', 'iii', 'iv', 'v']),
  id: idSchema,
  whenKey: messageKeySchema,
  outcomeKey: messageKeySchema,
  relatedProcedure: idSchema.optional(),
  source: sourceSchema,
});

/** Seed 1-4: a case in which the card goes back, and how fast. */
export const returnCaseSchema = statementSchema.extend({
  /** `on-departure`: handed to the immigration officer at the port (CONTENT-NOTES error 3). */
  deadline: z.union([deadlineRuleSchema, z.literal('on-departure')]),
  where: z.array(placeSchema).min(1),
});

/** Seed 2-6: one of the three notification tables. */
export const notificationTableSchema = z.strictObject({
  id: idSchema,
  nameKey: messageKeySchema,
  statuses: z.array(z.strictObject({ status: idSchema, onlyWhenKey: messageKeySchema.optional() })).min(1),
  items: z.array(statementSchema).min(1),
  deadlineRule: deadlineRuleSchema,
  link: linkSchema,
  source: sourceSchema,
});

/** J-Skip (CONTENT-NOTES "Highly skilled professionals"): one track of criteria. */
export const jSkipTrackSchema = z.strictObject({
  id: idSchema,
  key: messageKeySchema,
  /** Any one of these qualifies (degree or years of experience). */
  qualifiesWithAnyOf: z
    .array(
      z.union([
        z.strictObject({ kind: z.literal('masters-degree') }),
        z.strictObject({ kind: z.literal('experience'), minYears: z.number().int().positive() }),
      ]),
    )
    .min(1),
  minAnnualIncomeYen: z.number().int().positive(),
  source: sourceSchema,
});

/** A re-entry ban after leaving by departure order or deportation; `years: null` means no limit. */
export const reentryBanSchema = statementSchema.extend({ years: z.number().int().positive().nullable() });

/** A departure-order condition; some can be met in more than one way (`routes`). */
export const departureOrderConditionSchema = statementSchema.extend({
  routes: z.array(statementSchema).default([]),
});

// ---------------------------------------------------------------------------------------------
// Directory

/**
 * A phone line as printed in the seed. `reach`: `domestic` lines (0570 Navi Dial) cannot be
 * called from IP phones or from abroad; `ip-phone-or-abroad` lines are the alternative printed
 * next to them; `any` is a single ordinary number.
 */
export const phoneSchema = z.strictObject({
  /** As printed in the seed: a 10-digit Japanese number with hyphens, e.g. `0570-013904`, `03-5796-7112`. */
  display: z
    .string()
    .regex(/^0\d{1,4}(-\d{1,6}){1,2}$/, 'expected a Japanese number like 0570-013904')
    .refine((display) => display.replace(/\D/g, '').length === 10, 'expected 10 digits'),
  reach: z.enum(['domestic', 'ip-phone-or-abroad', 'any']),
  purposeKey: messageKeySchema,
  /** Option to select in the phone menu, when the seed says. */
  menuOption: z.number().int().positive().optional(),
});

export const OFFICE_KINDS = [
  'regional-bureau',
  'district-office',
  'branch',
  'airport-office',
  'immigration-center',
] as const;

export const officeSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(OFFICE_KINDS),
  nameKey: messageKeySchema,
  /** The regional bureau this office belongs to. */
  parent: idSchema.optional(),
  airport: idSchema.optional(),
  /** Romanised, as in the seed. */
  address: z.string().min(1),
  phones: z.array(phoneSchema).min(1),
  /** Sections with their own lines (seed 6, Yotsuya). */
  departments: z
    .array(z.strictObject({ id: idSchema, nameKey: messageKeySchema, phones: z.array(phoneSchema).min(1) }))
    .default([]),
  source: sourceSchema,
});

export const airportSchema = z.strictObject({ id: idSchema, key: messageKeySchema, source: sourceSchema });

/** A 24-hour clock time `HH:MM`. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

export const openingHoursSchema = z.strictObject({
  weekdays: z.strictObject({ opens: clockTimeSchema, closes: clockTimeSchema }),
  closedOn: z.array(z.enum(['saturday', 'sunday', 'national-holidays', 'year-end-29-dec-to-3-jan'])).min(1),
  source: sourceSchema,
});

export const helpCenterSchema = z.strictObject({
  id: idSchema,
  nameKey: messageKeySchema,
  /** A street address, or the offices that host the center. */
  address: z.string().min(1).optional(),
  locatedAt: z.array(idSchema).default([]),
  /** Offices with advisers but no full center (seed 6). */
  advisersAt: z.array(idSchema).default([]),
  phones: z.array(phoneSchema).min(1),
  hours: openingHoursSchema.optional(),
  /** ISO 639 language codes of the languages spoken on the line. */
  languages: z
    .strictObject({ codes: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1), source: sourceSchema })
    .optional(),
  source: sourceSchema,
});

/** Which bureau (and district office) serves each prefecture. */
export const jurisdictionSchema = z.strictObject({
  bureau: idSchema,
  prefectures: z.array(prefectureIdSchema).min(1),
  districtOffices: z
    .array(z.strictObject({ office: idSchema, prefectures: z.array(prefectureIdSchema).min(1) }))
    .default([]),
  source: sourceSchema,
});

/** An ISA information channel (seed 7). */
export const channelSchema = z.strictObject({
  id: idSchema,
  nameKey: messageKeySchema,
  /** What users find there. */
  purposeKey: messageKeySchema,
  url: z.url(),
  source: sourceSchema,
});

export const directorySchema = z.strictObject({
  offices: z.array(officeSchema).min(1),
  airports: z.array(airportSchema).min(1),
  helpCenters: z.array(helpCenterSchema).min(1),
  jurisdictions: z.array(jurisdictionSchema).min(1),
  channels: z.array(channelSchema).min(1),
});

// ---------------------------------------------------------------------------------------------
// Corrections

/** A place where the seed is wrong or outdated, and what content says instead. */
export const correctionSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(['seed-error', 'outdated', 'clarified', 'confirmed']),
  section: seedSectionSchema,
  /** Developer-facing, never shown to users. */
  seedSays: z.string().min(1),
  contentSays: z.string().min(1),
  /** Content items that apply it, as `group.id` paths. */
  appliedIn: z.array(z.string().min(1)).min(1),
  source: sourceSchema,
});

// ---------------------------------------------------------------------------------------------
// Section-specific procedure data

const statements = z.array(statementSchema).min(1);

export const proceduresSchema = z.strictObject({
  'residence-card': procedureWithDetailsSchema(
    'residence-card',
    z.strictObject({
      /** Seed 1: cardholders must carry it from this age. */
      mustCarryFromAge: z.number().int().positive(),
      /** Seed 1: the six cases in which no card is issued. */
      noCardCases: z.array(statusCaseSchema).length(6),
      validity: statements,
    }),
  ),
  'card-issuance': procedureWithDetailsSchema(
    'card-issuance',
    z.strictObject({
      cases: z.array(issuanceCaseSchema).length(5),
      /** Seed 1-1 i: airports that hand the card over on arrival. */
      airportsIssuingCards: z.array(idSchema).min(1),
    }),
  ),
  'move-in': procedureSchema('move-in'),
  'lost-card': procedureSchema('lost-card'),
  'return-card': procedureWithDetailsSchema(
    'return-card',
    z.strictObject({
      cases: z.array(returnCaseSchema).min(1),
      postalAddress: z.strictObject({
        recipientKey: messageKeySchema,
        address: z.string().min(1),
        /** Written on the front of the envelope, in English, exactly as given. */
        envelopeMarking: z.string().min(1),
        source: sourceSchema,
      }),
    }),
  ),
  'extend-stay': procedureSchema('extend-stay'),
  'change-status': procedureSchema('change-status'),
  'permanent-residence': procedureSchema('permanent-residence'),
  newborn: procedureWithDetailsSchema(
    'newborn',
    z.strictObject({
      /** Seed 2-4: the application is needed when the child stays beyond this many days after birth. */
      applicationNeededIfStayingBeyondDays: z.number().int().positive(),
    }),
  ),
  'extra-activity': procedureWithDetailsSchema(
    'extra-activity',
    z.strictObject({ exampleStatuses: z.array(idSchema).min(1) }),
  ),
  'notify-change': procedureWithDetailsSchema(
    'notify-change',
    z.strictObject({
      tables: z.array(notificationTableSchema).length(3),
      ways: z
        .array(z.strictObject({ place: placeSchema, link: linkSchema.optional(), source: sourceSchema }))
        .min(1),
    }),
  ),
  'highly-skilled': procedureWithDetailsSchema(
    'highly-skilled',
    z.strictObject({
      pointsThreshold: z.number().int().positive(),
      pointFactors: statements,
      benefits: statements,
      jSkip: z.strictObject({
        introduced: partialDateSchema,
        tracks: z.array(jSkipTrackSchema).min(1),
        link: linkSchema,
        source: sourceSchema,
      }),
    }),
  ),
  reentry: procedureWithDetailsSchema(
    'reentry',
    z.strictObject({
      specialReentry: z.strictObject({
        validityYears: z.number().int().positive(),
        specialPermanentResidentValidityYears: z.number().int().positive(),
        cappedAtPeriodOfStay: z.boolean(),
        /** Not available when the authorised period of stay is this many months or less. */
        notForStaysOfMonthsOrLess: z.number().int().positive(),
        mustDeclareOnEmbarkationCard: z.boolean(),
        extendableAbroad: z.boolean(),
        facts: statements,
        source: sourceSchema,
      }),
      reentryPermit: z.strictObject({
        maxYears: z.number().int().positive(),
        specialPermanentResidentMaxYears: z.number().int().positive(),
        cappedAtPeriodOfStay: z.boolean(),
        facts: statements,
        source: sourceSchema,
      }),
    }),
  ),
  refugee: procedureWithDetailsSchema(
    'refugee',
    z.strictObject({ definition: statementSchema, application: statements, review: statements }),
  ),
  deportation: procedureWithDetailsSchema(
    'deportation',
    z.strictObject({
      grounds: statements,
      reentryBans: z.array(reentryBanSchema).min(1),
      departureOrder: z.strictObject({
        /** Seed 5-3 and CONTENT-NOTES: every condition must be met. */
        allConditionsRequired: z.literal(true),
        conditions: z.array(departureOrderConditionSchema).min(1),
        facts: statements,
      }),
      specialPermission: statements,
    }),
  ),
  'isa-info': procedureWithDetailsSchema(
    'isa-info',
    z.strictObject({ channels: z.array(idSchema).min(1), helpCenters: z.array(idSchema).min(1) }),
  ),
});

export const contentSchema = z.strictObject({
  statuses: z.array(statusSchema).min(1),
  documents: z.array(documentSchema).min(1),
  procedures: proceduresSchema,
  directory: directorySchema,
  corrections: z.array(correctionSchema).min(1),
});

export type Content = z.output<typeof contentSchema>;
export type ContentInput = z.input<typeof contentSchema>;
export type Source = z.output<typeof sourceSchema>;
export type Statement = z.output<typeof statementSchema>;
export type Phone = z.output<typeof phoneSchema>;
export type Office = z.output<typeof officeSchema>;
export type HelpCenter = z.output<typeof helpCenterSchema>;
export type ContentDocument = z.output<typeof documentSchema>;
export type Procedures = Content['procedures'];
export type ProcedureId = keyof Procedures;
export type DeadlineRule = z.output<typeof deadlineRuleSchema>;
export type Place = z.output<typeof placeSchema>;
