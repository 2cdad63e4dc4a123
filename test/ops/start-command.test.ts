import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_COMMAND, SERVER_ENV } from '../../scripts/build.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('the production start command', () => {
  it('is the same, with the same environment, in package.json, the Dockerfile and the benchmark (scripts/build.ts)', () => {
    const start = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
    ).scripts.start;
    const assignments = Object.entries(SERVER_ENV).map(([name, value]) => `${name}=${value}`);
    expect(start).toContain(`${assignments.join(' ')} exec node ${SERVER_COMMAND.join(' ')}`);
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (.+)$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...SERVER_COMMAND]);
    for (const assignment of assignments) expect(dockerfile).toMatch(new RegExp(`^ENV ${assignment}$`, 'm'));
  });
});
