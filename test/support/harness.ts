/**
 * Builds a real engine for conversation tests (memory store, fixed clock, real locales) and records,
 * for each turn, the dialog messages before rendering, so tests can assert on meaning — keys, dates,
 * buttons — as well as on the rendered text.
 */
import { createApp } from '../../src/app.ts';
import { fixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import type { HandoffRequest, InboundEvent, TurnResult } from '../../src/engine/engine.ts';
import type { AnyDialogDefinition } from '../../src/engine/registry.ts';
import type { Understanding } from '../../src/engine/understanding.ts';
import { createTranslator, type Resources, readLocaleFiles } from '../../src/i18n/index.ts';
import { createLogger } from '../../src/logger.ts';
import type { DialogMessage, Phrase } from '../../src/messages.ts';
import type { Reminders } from '../../src/reminders/index.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/types.ts';

export interface HarnessOptions {
  dialogs: AnyDialogDefinition[];
  content?: unknown;
  now?: string;
  store?: Store;
  extraResources?: Resources;
  understanding?: Understanding;
  handoff?: (request: HandoffRequest) => DialogMessage[];
  channel?: string;
  userKey?: string;
  localeHint?: string;
  reminders?: Reminders;
}

export interface Turn extends TurnResult {
  /** The messages as the dialogs produced them, before translation. */
  source: DialogMessage[];
  /** Every phrase key shown in this turn (texts, prompts, labels, titles, lines, items). */
  keys: string[];
  /** The payloads of every button and choice shown in this turn. */
  payloads: string[];
}

export type UserInput =
  | string
  | { choice: string }
  | { date: string }
  | { follow: true }
  | { unfollow: true };

export function mergeResources(base: Resources, extra: Resources = {}): Resources {
  const merged: Resources = structuredClone(base);
  for (const [lng, namespaces] of Object.entries(extra)) {
    merged[lng] = { ...(merged[lng] ?? {}), ...namespaces };
  }
  return merged;
}

export function phraseKeys(message: DialogMessage): string[] {
  const keys = (p: Phrase) => [p.key];
  switch (message.kind) {
    case 'text':
      return keys(message.text);
    case 'choices':
      return [...keys(message.prompt), ...message.choices.flatMap((c) => keys(c.label))];
    case 'date':
      return [...keys(message.prompt), ...(message.choices ?? []).flatMap((c) => keys(c.label))];
    case 'card':
      return [
        ...keys(message.title),
        ...message.lines.flatMap(keys),
        ...message.buttons.flatMap((b) => keys(b.label)),
      ];
    case 'checklist':
      return [...keys(message.title), ...message.items.flatMap(keys)];
    case 'call':
    case 'link':
      return keys(message.label);
  }
}

export function payloadsOf(message: {
  kind: string;
  choices?: Array<{ payload: string }>;
  buttons?: Array<{ kind: string; payload?: string }>;
}): string[] {
  return [
    ...(message.choices ?? []).map((c) => c.payload),
    ...(message.buttons ?? []).flatMap((b) => (b.payload ? [b.payload] : [])),
  ];
}

export const silentLogger = () => createLogger('silent');

export function createHarness(options: HarnessOptions) {
  const missing: string[] = [];
  const translator = createTranslator({
    resources: mergeResources(readLocaleFiles(), options.extraResources),
    onMissingKey: (lng, key) => missing.push(`${lng}:${key}`),
  });
  let captured: DialogMessage[] = [];
  const renderMessage = translator.renderMessage;
  translator.renderMessage = (message, lng) => {
    captured.push(message);
    return renderMessage(message, lng);
  };
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: ':memory:',
    MADOGUCHI_NOW: options.now ?? '2026-11-25T10:00:00+09:00',
  });
  const store = options.store ?? new MemoryStore({ sessionTtlMs: 3_600_000, seenTtlMs: 3_600_000 });
  const app = createApp({
    config,
    content: options.content ?? {},
    dialogs: options.dialogs,
    handoff: options.handoff ?? (() => [{ kind: 'text', text: { key: 'common:nav.human' } }]),
    store,
    clock: fixedClock(config.MADOGUCHI_NOW as string),
    logger: silentLogger(),
    translator,
    ...(options.understanding ? { understanding: options.understanding } : {}),
    ...(options.reminders ? { reminders: options.reminders } : {}),
  });

  let eventCounter = 0;
  async function send(input: UserInput, extra: Partial<InboundEvent> = {}): Promise<Turn> {
    const base: InboundEvent = {
      channel: options.channel ?? 'test',
      userKey: options.userKey ?? 'user-1',
      eventId: `evt-${++eventCounter}`,
      kind: 'text',
      ...(options.localeHint ? { localeHint: options.localeHint } : {}),
    };
    const event: InboundEvent =
      typeof input === 'string'
        ? { ...base, kind: 'text', text: input }
        : 'choice' in input
          ? { ...base, kind: 'choice', payload: input.choice }
          : 'date' in input
            ? { ...base, kind: 'date', date: input.date }
            : 'follow' in input
              ? { ...base, kind: 'follow' }
              : { ...base, kind: 'unfollow' };
    captured = [];
    const result = await app.engine.handle({ ...event, ...extra });
    const source = captured;
    return {
      ...result,
      source,
      keys: source.flatMap(phraseKeys),
      payloads: result.messages.flatMap(payloadsOf),
    };
  }

  return { app, store, translator, send, missing };
}
