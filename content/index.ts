/**
 * Madoguchi's content: the facts of the ISA guidebook chapter and CONTENT-NOTES as validated data.
 * Call `loadContent()` once at startup; it throws `ContentError` naming each bad item.
 */
import { corrections } from './corrections.ts';
import { directory } from './directory/index.ts';
import { documents } from './documents.ts';
import type { PrefectureId } from './prefectures.ts';
import { PREFECTURES } from './prefectures.ts';
import { procedures } from './procedures/index.ts';
import { type Content, type ContentInput, contentSchema, type Office } from './schema.ts';
import { statuses } from './statuses.ts';

export { internationalTelUri, telUri } from './directory/phones.ts';
export type {
  Content,
  ContentDocument,
  DeadlineRule,
  HelpCenter,
  Office,
  Phone,
  Place,
  ProcedureId,
  Source,
  Statement,
} from './schema.ts';
export { contentSchema, DEADLINE_RULES, PLACES } from './schema.ts';

/** The content as written, before validation. Tests corrupt copies of it. */
export const rawContent: ContentInput = { statuses, documents, procedures, directory, corrections };

export class ContentError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`content/ is invalid, fix these items:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** Parses and cross-checks the content; throws `ContentError` listing every problem. */
export function loadContent(input: unknown = rawContent): Content {
  // Parsed once per process: zod's compiled fast path would cost more to build (~10 ms of the
  // start) than it saves on a single pass.
  const parsed = contentSchema.safeParse(input, { jitless: true });
  if (!parsed.success) {
    throw new ContentError(
      parsed.error.issues.map((issue) => `${describePath(input, issue.path)}: ${issue.message}`),
    );
  }
  const problems = crossReferenceProblems(parsed.data);
  if (problems.length > 0) throw new ContentError(problems);
  return parsed.data;
}

export interface BureauAssignment {
  /** The regional immigration services bureau responsible for the prefecture. */
  bureau: Office;
  /** The district office that serves the prefecture in the bureau's stead, if any. */
  districtOffice: Office | undefined;
}

export function bureauForPrefecture(content: Content, prefecture: PrefectureId): BureauAssignment {
  const jurisdiction = content.directory.jurisdictions.find((j) => j.prefectures.includes(prefecture));
  if (!jurisdiction) throw new Error(`bureauForPrefecture(): no bureau covers prefecture "${prefecture}"`);
  const district = jurisdiction.districtOffices.find((d) => d.prefectures.includes(prefecture));
  return {
    bureau: officeById(content, jurisdiction.bureau),
    districtOffice: district && officeById(content, district.office),
  };
}

export function officeById(content: Content, id: string): Office {
  const office = content.directory.offices.find((candidate) => candidate.id === id);
  if (!office) throw new Error(`officeById(): no office "${id}" in content.directory.offices`);
  return office;
}

/** Fields that name an item in an error message, in order of preference. */
const NAMING_FIELDS = ['id', 'document', 'status', 'bureau', 'office', 'display', 'url', 'place'] as const;

/** `directory.offices[2] (tokyo-bureau).phones[0]`: the issue path, with each item's id. */
function describePath(input: unknown, path: readonly PropertyKey[]): string {
  let text = '';
  let node: unknown = input;
  for (const segment of path) {
    node =
      typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === 'number') {
      text += `[${segment}]`;
      const name = itemName(node);
      if (name) text += ` (${name})`;
    } else {
      text += `${text ? '.' : ''}${String(segment)}`;
    }
  }
  return text || '(root)';
}

function itemName(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown>;
  const field = NAMING_FIELDS.find((name) => typeof record[name] === 'string');
  return field && `${field} "${String(record[field])}"`;
}

/** References between items (document ids, statuses, offices, prefectures) that zod cannot see. */
function crossReferenceProblems(content: Content): string[] {
  const problems: string[] = [];
  const { directory: dir, procedures: procs } = content;
  const idsOf = (items: readonly { id: string }[]) => new Set(items.map((item) => item.id));
  const documentIds = idsOf(content.documents);
  const statusIds = idsOf(content.statuses);
  const officeIds = idsOf(dir.offices);
  const bureauIds = idsOf(dir.offices.filter((office) => office.kind === 'regional-bureau'));
  const airportIds = idsOf(dir.airports);
  const expect = (ids: Set<string>, what: string, id: string, where: string) => {
    if (!ids.has(id)) problems.push(`${where}: unknown ${what} "${id}"`);
  };

  for (const [name, items] of Object.entries({
    statuses: content.statuses,
    documents: content.documents,
    'directory.offices': dir.offices,
    'directory.airports': dir.airports,
    'directory.helpCenters': dir.helpCenters,
    'directory.channels': dir.channels,
  })) {
    const seen = new Set<string>();
    for (const { id } of items) {
      if (seen.has(id)) problems.push(`${name}: id "${id}" appears twice`);
      seen.add(id);
    }
  }

  for (const procedure of Object.values(procs)) {
    for (const requirement of procedure.documents) {
      expect(documentIds, 'document', requirement.document, `procedures.${procedure.id}.documents`);
    }
  }
  for (const noCard of procs['residence-card'].details.noCardCases) {
    for (const status of noCard.statuses) expect(statusIds, 'status', status, `no-card case ${noCard.id}`);
  }
  for (const table of procs['notify-change'].details.tables) {
    for (const { status } of table.statuses) expect(statusIds, 'status', status, `notification ${table.id}`);
  }
  for (const status of procs['extra-activity'].details.exampleStatuses) {
    expect(statusIds, 'status', status, 'procedures.extra-activity');
  }
  for (const issuance of procs['card-issuance'].details.cases) {
    if (issuance.relatedProcedure && !(issuance.relatedProcedure in procs)) {
      problems.push(`card-issuance case ${issuance.id}: unknown procedure "${issuance.relatedProcedure}"`);
    }
  }
  for (const airport of procs['card-issuance'].details.airportsIssuingCards) {
    expect(airportIds, 'airport', airport, 'procedures.card-issuance.airportsIssuingCards');
  }

  for (const office of dir.offices) {
    if (office.parent) expect(bureauIds, 'regional bureau', office.parent, `office ${office.id}.parent`);
    if (office.airport) expect(airportIds, 'airport', office.airport, `office ${office.id}.airport`);
  }
  for (const center of dir.helpCenters) {
    for (const id of [...center.locatedAt, ...center.advisersAt]) {
      expect(officeIds, 'office', id, `help center ${center.id}`);
    }
  }
  const { channels, helpCenters } = procs['isa-info'].details;
  for (const id of channels) expect(idsOf(dir.channels), 'channel', id, 'procedures.isa-info.channels');
  for (const id of helpCenters) expect(idsOf(dir.helpCenters), 'help center', id, 'procedures.isa-info');

  for (const jurisdiction of dir.jurisdictions) {
    expect(bureauIds, 'regional bureau', jurisdiction.bureau, 'directory.jurisdictions');
    for (const district of jurisdiction.districtOffices) {
      expect(officeIds, 'office', district.office, `jurisdiction ${jurisdiction.bureau}`);
      for (const prefecture of district.prefectures) {
        if (!jurisdiction.prefectures.includes(prefecture)) {
          problems.push(
            `jurisdiction ${jurisdiction.bureau}: ${district.office} serves ${prefecture}, outside it`,
          );
        }
      }
    }
  }
  for (const prefecture of PREFECTURES) {
    const bureaus = dir.jurisdictions.filter((j) => j.prefectures.includes(prefecture)).map((j) => j.bureau);
    if (bureaus.length !== 1) {
      problems.push(
        `prefecture ${prefecture}: covered by ${bureaus.length} bureaus (${bureaus.join(', ')}), expected 1`,
      );
    }
  }
  return problems;
}
