import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { type DialogEvent, defineDialog, say } from '../../dialogs/kit.ts';
import { labelForms } from '../../src/engine/understanding.ts';
import { createHarness } from '../support/harness.ts';

/** A region question whose buttons are regions, and which also takes a place typed by name. */
const regionDialog = defineDialog<{ answer?: string }>({
  id: 'find-office',
  version: 1,
  createMachine: () =>
    setup({
      types: { context: {} as { answer?: string }, events: {} as DialogEvent },
    }).createMachine({
      context: {},
      initial: 'askRegion',
      states: {
        askRegion: {
          on: {
            CHOICE: {
              target: 'done',
              actions: assign({ answer: ({ event }) => (event.type === 'CHOICE' ? event.value : '') }),
            },
          },
        },
        done: { type: 'final' },
      },
    }),
  views: {
    askRegion: () => [
      {
        kind: 'choices',
        prompt: { key: 't:ask' },
        choices: [{ payload: 'north', label: { key: 't:north' } }],
        typedChoices: [{ payload: 'osaka', label: { key: 't:osaka' } }],
      },
    ],
    done: (context) => [say('t:done', { answer: context.answer ?? '' })],
  },
});

const resources = {
  en: { t: { ask: 'Which region?', north: 'North', osaka: 'Osaka (大阪府)', done: 'Chose {{answer}}' } },
};

describe('engine: typed answers against choice labels', () => {
  it('reads "Name (名前)" labels by either name', () => {
    expect(labelForms('Osaka (大阪府)')).toEqual(['osaka (大阪府)', 'osaka', '大阪府']);
    expect(labelForms('Kansai')).toEqual(['kansai']);
  });

  it('accepts a typed-only choice by its label, and never shows it as a button', async () => {
    const { send } = createHarness({ dialogs: [regionDialog], extraResources: resources });
    const question = await send({ choice: 'go:find-office' });
    expect(question.payloads).toEqual(['north', 'cmd:menu', 'cmd:human']);
    expect(JSON.stringify(question.messages)).not.toContain('Osaka');
    const answer = await send('大阪府');
    expect(answer.messages[0]).toEqual({ kind: 'text', text: 'Chose osaka' });
  });

  it('does not take a typed-only choice by number', async () => {
    const { send } = createHarness({ dialogs: [regionDialog], extraResources: resources });
    await send({ choice: 'go:find-office' });
    expect((await send('2')).keys).not.toContain('t:done');
    expect((await send('North')).messages[0]).toEqual({ kind: 'text', text: 'Chose north' });
  });
});
