import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const run = (script: string, args: string[]) =>
  execFileSync(process.execPath, [join(ROOT, 'src', 'cli', script), ...args], { encoding: 'utf8' });

describe('classify CLI', () => {
  it('prints one JSON object with intent, confidence, language and alternatives', () => {
    const result = JSON.parse(run('classify.ts', ['I lost my residence card']));
    expect(Object.keys(result)).toEqual(['intent', 'confidence', 'language', 'alternatives']);
    expect(result.intent).toBe('lost-card');
    expect(result.language).toBe('en');
  });
});

describe('eval:nlu CLI', () => {
  const directory = mkdtempSync(join(tmpdir(), 'eval-nlu-'));
  const file = join(directory, 'items.jsonl');
  writeFileSync(
    file,
    [
      { text: 'I lost my residence card', intent: 'lost-card', lang: 'en-US' },
      { text: '在留カードをなくしました', intent: 'lost-card' },
      { text: 'qxzv blorp wug', intent: 'menu', lang: 'fr-FR' },
      { text: '我的在留卡丢了', intent: 'extend-stay', lang: 'zh-CN' },
    ]
      .map((item) => JSON.stringify(item))
      .join('\n'),
  );

  it('prints rates per language (given or detected) and overall as JSON, with confusions', () => {
    const report = JSON.parse(run('eval-nlu.ts', [file, '--json']));
    expect(report.overall).toEqual({ n: 4, accuracy: 0.5, unsure: 0.25, wrong: 0.25 });
    expect(report.languages.en).toEqual({ n: 1, accuracy: 1, unsure: 0, wrong: 0 });
    expect(report.languages.ja).toEqual({ n: 1, accuracy: 1, unsure: 0, wrong: 0 });
    expect(report.languages.fr).toEqual({ n: 1, accuracy: 0, unsure: 1, wrong: 0 });
    expect(report.languages['zh-Hans']).toEqual({ n: 1, accuracy: 0, unsure: 0, wrong: 1 });
    expect(report.confusions).toEqual([{ expected: 'extend-stay', predicted: 'lost-card', count: 1 }]);
  });

  it('reads a directory and prints a table, exiting 0 whatever the score', () => {
    const output = run('eval-nlu.ts', [directory]);
    expect(output).toMatch(/overall\s+4\s+50\.0%/);
    expect(output).toContain('extend-stay → lost-card');
  });
});
