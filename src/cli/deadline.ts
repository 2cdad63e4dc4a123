/**
 * `npm run -s deadline -- <rule> --<input> YYYY-MM-DD …`: prints one deadline result as JSON.
 * Flags come from each rule's `RULES` entry, so a new rule needs no change here.
 * Exit codes: 0 ok, 2 unusable input (unknown rule or flag, missing input, impossible date, date
 * outside the holiday data).
 */
import { parseArgs } from 'node:util';
import {
  computeDeadline,
  DeadlineInputError,
  HolidayDataRangeError,
  isRuleId,
  parseIsoDate,
  RULES,
  type RuleId,
  type RuleInputSpec,
  todayInTokyo,
} from '../deadlines/index.ts';
import type { IsoDate } from '../messages.ts';

const EXIT_BAD_INPUT = 2;

/** Input the user must correct; printed on stderr with the usage hint. */
class UsageError extends Error {}

function usage(): string {
  const lines = Object.values(RULES).map((rule) => {
    const flags = rule.inputs.map((input) => (input.required ? flagSyntax(input) : `[${flagSyntax(input)}]`));
    return `  ${rule.id} ${flags.join(' ')}`;
  });
  return [
    'usage: npm run -s deadline -- <rule> [flags] [--today YYYY-MM-DD]',
    ...lines,
    'today defaults to the current date in Asia/Tokyo (or to MADOGUCHI_NOW, an ISO date-time).',
  ].join('\n');
}

function flagSyntax(input: RuleInputSpec): string {
  if (input.type === 'boolean') return `--${input.flag}`;
  return `--${input.flag} ${input.type === 'date' ? 'YYYY-MM-DD' : 'N'}`;
}

function ruleFrom(argument: string | undefined): RuleId {
  if (argument === undefined || argument.startsWith('-')) throw new UsageError('missing rule');
  if (!isRuleId(argument)) {
    throw new UsageError(`unknown rule "${argument}"; known rules: ${Object.keys(RULES).join(', ')}`);
  }
  return argument;
}

function inputFrom(rule: RuleId, args: string[]): { input: Record<string, unknown>; today: IsoDate } {
  const specs: readonly RuleInputSpec[] = RULES[rule].inputs;
  const values = parseFlags(rule, args, specs);
  const input: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = values[spec.flag];
    if (value === undefined) {
      if (spec.required) throw new UsageError(`${rule}: missing ${flagSyntax(spec)} (${spec.description})`);
      continue;
    }
    input[spec.name] = typedValue(spec, value);
  }
  const today = values.today;
  return {
    input,
    today: typeof today === 'string' ? parseIsoDate(today, '--today') : todayFromEnvironment(),
  };
}

function parseFlags(
  rule: RuleId,
  args: string[],
  specs: readonly RuleInputSpec[],
): Record<string, string | boolean | undefined> {
  const options = Object.fromEntries([
    ...specs.map((spec) => [spec.flag, { type: spec.type === 'boolean' ? 'boolean' : 'string' }] as const),
    ['today', { type: 'string' }] as const,
  ]);
  try {
    const { values, tokens } = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
    // parseArgs silently keeps the last of a repeated flag; two dates for one input is a mistake.
    const given = tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : []));
    const repeated = given.find((name, index) => given.indexOf(name) !== index);
    if (repeated !== undefined) throw new UsageError(`--${repeated} given more than once`);
    return values;
  } catch (error) {
    // parseArgs throws a TypeError naming the unknown flag or the missing value.
    throw new UsageError(`${rule}: ${(error as Error).message}`);
  }
}

function typedValue(spec: RuleInputSpec, value: string | boolean): unknown {
  if (typeof value === 'boolean') return value;
  if (spec.type === 'date') return parseIsoDate(value, `--${spec.flag}`);
  if (!/^\d+$/.test(value)) throw new UsageError(`--${spec.flag}: "${value}" is not a whole number`);
  return Number(value);
}

function todayFromEnvironment(): IsoDate {
  const now = process.env.MADOGUCHI_NOW;
  if (now === undefined || now === '') return todayInTokyo(new Date());
  const instant = new Date(now);
  if (Number.isNaN(instant.getTime())) {
    throw new UsageError(`MADOGUCHI_NOW: "${now}" is not an ISO date-time (e.g. 2026-03-01T09:00:00+09:00)`);
  }
  return todayInTokyo(instant);
}

function main(argv: string[]): number {
  if (argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  try {
    const rule = ruleFrom(argv[0]);
    const { input, today } = inputFrom(rule, argv.slice(1));
    // The input object was built from this rule's own RULES entry, flag by flag.
    const result = computeDeadline(rule, input as never, today);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof DeadlineInputError ||
      error instanceof HolidayDataRangeError
    ) {
      process.stderr.write(`deadline: ${error.message}\n\n${usage()}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
