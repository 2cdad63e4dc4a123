import { describe, expect, it } from 'vitest';
import { PROCEDURE_INTENTS } from '../../src/intents.ts';
import { dialogHarness } from '../support/transcript.ts';

describe('main menu', () => {
  it('reaches every procedure dialog, through its group or directly', async () => {
    const { send } = dialogHarness();
    const menu = await send({ follow: true });
    const reached = new Set<string>();
    for (const payload of menu.payloads) {
      if (payload.startsWith('go:')) reached.add(payload.slice(3));
      if (payload.startsWith('menu:')) {
        const group = await send({ choice: payload });
        for (const inner of group.payloads) if (inner.startsWith('go:')) reached.add(inner.slice(3));
      }
    }
    expect([...reached].sort()).toEqual([...PROCEDURE_INTENTS].sort());
    for (const intent of PROCEDURE_INTENTS) {
      const first = await send({ choice: `go:${intent}` });
      expect(
        first.keys.some((key) => key.startsWith(`${intent}:`)),
        intent,
      ).toBe(true);
    }
  });

  it('keeps the top level short enough for a phone (LINE allows 13 quick replies)', async () => {
    const { send } = dialogHarness();
    expect((await send({ follow: true })).payloads.length).toBeLessThanOrEqual(13);
  });
});
