import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { todayInTokyo } from '../../src/deadlines/index.ts';

const CLI = fileURLToPath(new URL('../../src/cli/deadline.ts', import.meta.url));

/** Runs the CLI as `npm run deadline` does, with a clean MADOGUCHI_NOW unless given. */
function deadline(args: string[], now?: string) {
  const env = { ...process.env };
  delete env.MADOGUCHI_NOW;
  if (now !== undefined) env.MADOGUCHI_NOW = now;
  const run = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  return { exitCode: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('deadline CLI: one JSON object on stdout', () => {
  it.each([
    [
      ['notify-change', '--changed', '2025-10-26', '--today', '2025-11-10'],
      {
        rule: 'notify-change',
        due: '2025-11-10',
        legalDue: '2025-11-09',
        basis: 'closed-day-moved',
        daysLeft: 0,
        status: 'due-today',
      },
    ],
    [
      ['move-in', '--settled', '2026-10-26', '--today', '2026-11-10'],
      { rule: 'move-in', due: '2026-11-09', basis: 'civil-code-140-143', daysLeft: -1, status: 'overdue' },
    ],
    [
      [
        'lost-card',
        '--noticed',
        '2026-07-01',
        '--abroad',
        '--reentered',
        '2026-08-20',
        '--today',
        '2026-08-21',
      ],
      { rule: 'lost-card', countedFrom: '2026-08-20', due: '2026-09-03', daysLeft: 13, status: 'upcoming' },
    ],
    [
      ['return-card', '--event', '2026-05-03', '--final-departure', '--today', '2026-05-01'],
      { rule: 'return-card', outcome: 'surrender-at-port', due: '2026-05-03', basis: 'surrender-at-port' },
    ],
    [
      ['newborn', '--birth', '2026-04-20', '--today', '2026-04-20'],
      {
        rule: 'newborn',
        due: '2026-05-20',
        stayWithoutStatus: { until: '2026-06-19' },
        birthNotification: { due: '2026-05-07', legalDue: '2026-05-03', basis: 'closed-day-moved' },
      },
    ],
    [
      ['extend-stay', '--expiry', '2026-05-03', '--stay-months', '12', '--today', '2026-04-01'],
      {
        rule: 'extend-stay',
        applyBy: '2026-05-03',
        applyFrom: '2026-02-03',
        earlyWindow: 'from-about-3-months-before',
        lastOpenDayToApply: '2026-05-01',
        specialPeriodEnd: '2026-07-03',
        basis: 'validity-not-moved',
        daysLeft: 32,
      },
    ],
    [
      [
        'reentry',
        '--departure',
        '2026-04-10',
        '--expiry',
        '2029-04-09',
        '--return',
        '2027-06-01',
        '--today',
        '2026-04-01',
      ],
      { rule: 'reentry', returnBy: '2027-04-10', permitReturnBy: '2029-04-09', verdict: 'permit-needed' },
    ],
  ])('%j', (args, expected) => {
    const run = deadline(args);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject(expected);
  });

  it('takes today from MADOGUCHI_NOW, in Tokyo', () => {
    const run = deadline(['move-in', '--settled', '2026-03-01'], '2026-03-01T15:00:00Z');
    expect(JSON.parse(run.stdout)).toMatchObject({ today: '2026-03-02', due: '2026-03-16', daysLeft: 14 });
  });

  it('--today wins over MADOGUCHI_NOW', () => {
    const run = deadline(
      ['move-in', '--settled', '2026-03-01', '--today', '2026-03-10'],
      '2026-03-01T15:00:00Z',
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ today: '2026-03-10' });
  });

  it("defaults to today's date in Tokyo", () => {
    const before = todayInTokyo(new Date());
    const today = JSON.parse(deadline(['move-in', '--settled', '2026-03-01']).stdout).today;
    expect([before, todayInTokyo(new Date())]).toContain(today);
  });
});

describe('deadline CLI: unusable input exits 2 with a message on stderr', () => {
  it.each([
    [[], /missing rule/],
    [['bogus', '--settled', '2026-01-01'], /unknown rule "bogus"; known rules: move-in, /],
    [['move-in'], /missing --settled YYYY-MM-DD/],
    [['move-in', '--settled'], /Option '--settled.*argument/],
    [['move-in', '--settled', '2026-02-30'], /--settled: 2026-02-30 does not exist/],
    [['move-in', '--settled', '26-02-01'], /--settled: "26-02-01" is not a date in the form YYYY-MM-DD/],
    [['move-in', '--settled', '2026-01-01', '--changed', '2026-01-01'], /Unknown option '--changed'/],
    [['move-in', '--settled', '2026-01-01', '--settled', '2026-01-02'], /--settled given more than once/],
    [['move-in', '--settled', '2026-01-01', 'extra'], /positional/i],
    [['move-in', '--settled', '2026-01-01', '--today', '2026-13-01'], /--today: 2026-13-01 does not exist/],
    [['lost-card', '--noticed', '2026-01-01', '--abroad'], /reentered: required/],
    [
      ['extend-stay', '--expiry', '2026-01-01', '--stay-months', 'six'],
      /--stay-months: "six" is not a whole number/,
    ],
    [['reentry', '--departure', '2026-01-01'], /missing --expiry YYYY-MM-DD/],
    [['move-in', '--settled', '2050-12-20'], /holiday data covers 1970-01-01\.\.2050-12-31/],
  ])('%j', (args, message) => {
    const run = deadline([...args, ...(args.includes('--today') ? [] : ['--today', '2026-01-01'])]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^usage: /m);
  });

  it('refuses a MADOGUCHI_NOW that is not a date-time', () => {
    const run = deadline(['move-in', '--settled', '2026-01-01'], 'yesterday');
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/MADOGUCHI_NOW: "yesterday" is not an ISO date-time/);
  });
});
