/**
 * The console channel: a terminal chat on the same engine and store as the server.
 * Interactive: numbered choices, dates typed as YYYY-MM-DD. With `json`: one input per line (plain
 * text, `{"choice": "<payload>"}` or `{"date": "YYYY-MM-DD"}`), one outbound message per output line.
 */
import { createInterface } from 'node:readline';
import type { Engine, InboundEvent } from '../../engine/engine.ts';
import type { OutboundMessage } from '../../messages.ts';
import { renderForTerminal } from './render.ts';

export interface ConsoleChatOptions {
  engine: Engine;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  json: boolean;
  userKey: string;
  language?: string;
}

type ParsedLine = Pick<InboundEvent, 'kind' | 'text' | 'payload' | 'date'> | { error: string };

/** Reads one `--json` input line. */
export function parseJsonLine(line: string): ParsedLine {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return { kind: 'text', text: line };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { error: 'not valid JSON: send plain text, {"choice": "<payload>"} or {"date": "YYYY-MM-DD"}' };
  }
  if (typeof value === 'object' && value !== null) {
    if ('choice' in value && typeof value.choice === 'string')
      return { kind: 'choice', payload: value.choice };
    if ('date' in value && typeof value.date === 'string') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value.date)) return { error: 'date must be YYYY-MM-DD' };
      return { kind: 'date', date: value.date };
    }
    if ('text' in value && typeof value.text === 'string') return { kind: 'text', text: value.text };
  }
  return { error: 'expected {"choice": "<payload>"}, {"date": "YYYY-MM-DD"} or {"text": "..."}' };
}

export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { engine, output, json } = options;
  let choices: Array<{ payload: string }> = [];
  let sequence = 0;

  const write = (messages: OutboundMessage[]) => {
    if (json) {
      for (const message of messages) output.write(`${JSON.stringify(message)}\n`);
      return;
    }
    const view = renderForTerminal(messages);
    choices = view.choices;
    output.write(`${view.lines.join('\n')}\n> `);
  };

  const turn = async (event: Pick<InboundEvent, 'kind' | 'text' | 'payload' | 'date'>) => {
    const result = await engine.handle({
      channel: 'console',
      userKey: options.userKey,
      eventId: `console-${process.pid}-${Date.now()}-${++sequence}`,
      ...(options.language ? { localeHint: options.language } : {}),
      ...event,
    });
    write(result.messages);
  };

  // Opening the chat: a greeting, or the question where the last session stopped.
  await turn({ kind: 'follow' });

  const lines = createInterface({
    input: options.input,
    crlfDelay: Number.POSITIVE_INFINITY,
    terminal: false,
  });
  for await (const line of lines) {
    if (json) {
      const parsed = parseJsonLine(line);
      if ('error' in parsed) {
        output.write(`${JSON.stringify({ error: parsed.error })}\n`);
        continue;
      }
      await turn(parsed);
      continue;
    }
    const typed = line.trim();
    const number = /^\d{1,3}$/.test(typed) ? Number(typed) : 0;
    const chosen = choices[number - 1];
    if (chosen) await turn({ kind: 'choice', payload: chosen.payload });
    else await turn({ kind: 'text', text: line });
  }
}
