/**
 * `npm run chat -- --lang fr --json`, as a script would drive it: the lost-card dialog walked to its
 * checklist with the right due date, and a second run on the same SQLite file resuming it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const database = join(mkdtempSync(join(tmpdir(), 'madoguchi-chat-')), 'chat.db');

function chat(lines: string[]): Array<Record<string, unknown>> {
  const run = spawnSync(process.execPath, ['src/cli/chat.ts', '--lang', 'fr', '--json'], {
    cwd: ROOT,
    input: `${lines.join('\n')}\n`,
    env: {
      ...process.env,
      DATABASE_PATH: database,
      MADOGUCHI_NOW: '2026-11-25T10:00:00+09:00',
      LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('npm run chat -- --json', () => {
  it('walks the lost-card dialog in French, and a second run resumes where the first stopped', () => {
    const first = chat(['{"choice":"go:lost-card"}', '{"choice":"stolen"}']);
    expect(first.at(-1)).toMatchObject({
      kind: 'date',
      prompt: 'Quel jour avez-vous constaté sa disparition ?',
      max: '2026-11-25',
    });

    const second = chat(['2026-11-20', 'non', 'non']);
    expect(second[0]).toMatchObject({
      kind: 'text',
      text: 'Bon retour ! Reprenons là où nous nous étions arrêtés.',
    });
    expect(second[1]).toMatchObject({
      kind: 'date',
      prompt: 'Quel jour avez-vous constaté sa disparition ?',
    });
    const card = second.find((message) => message.kind === 'card');
    expect(JSON.stringify(card)).toContain(
      'Demandez une nouvelle carte au plus tard le vendredi 4 décembre 2026.',
    );
    const checklist = second.find((message) => message.kind === 'checklist');
    expect(JSON.stringify(checklist)).toContain('Passeport');
  });

  it('answers a malformed line with an error line and goes on', () => {
    const lines = chat(['{"choice": 3}', '{not json']);
    expect(lines.filter((line) => 'error' in line)).toHaveLength(2);
  });
});
