import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_COMMAND } from '../../scripts/build.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('the production start command', () => {
  it('is the same in package.json, the Dockerfile and the benchmark (scripts/build.ts)', () => {
    const start = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
    ).scripts.start;
    expect(start).toContain(`exec node ${SERVER_COMMAND.join(' ')}`);
    const cmd = /^CMD (.+)$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...SERVER_COMMAND]);
  });
});
