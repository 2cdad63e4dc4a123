import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { StaleWriteError } from '../../src/store/types.ts';
import { fixtureDialog, fixtureResources } from '../support/fixture-dialog.ts';
import { createHarness } from '../support/harness.ts';

const harness = (options: Partial<Parameters<typeof createHarness>[0]> = {}) =>
  createHarness({ dialogs: [fixtureDialog], extraResources: fixtureResources, ...options });

describe('engine: a conversation', () => {
  it('greets on follow with the main menu', async () => {
    const { send } = harness();
    const turn = await send({ follow: true });
    expect(turn.keys[0]).toBe('common:greeting');
    expect(turn.payloads).toContain('go:move-in');
    expect(turn.payloads).toContain('cmd:human');
    expect(turn.language).toBe('en');
  });

  it('walks a dialog with buttons, typed numbers, labels and dates, then offers next steps', async () => {
    const { send } = harness();
    const first = await send({ choice: 'go:move-in' });
    expect(first.keys).toContain('fixture:askKind');
    expect(first.payloads).toEqual(['a', 'b', 'boom', 'cmd:menu', 'cmd:human']);
    const second = await send('kind b');
    expect(second.keys).toContain('fixture:askDate');
    expect(second.payloads).toEqual(['cmd:back', 'cmd:menu', 'cmd:human']);
    const third = await send('2026/11/20');
    expect(third.messages[0]).toEqual({ kind: 'text', text: 'Done: b on Friday, November 20, 2026' });
    expect(third.keys).toContain('common:next.prompt');
    expect(third.payloads).toContain('cmd:menu');
  });

  it('accepts an answer by its number', async () => {
    const { send } = harness();
    await send({ choice: 'go:move-in' });
    const turn = await send('1');
    expect(turn.keys).toContain('fixture:askDate');
  });

  it('re-asks kindly on an answer the machine refuses, keeping the progress', async () => {
    const { send } = harness();
    await send({ choice: 'go:move-in' });
    await send({ choice: 'a' });
    const future = await send({ date: '2027-01-01' });
    expect(future.keys[0]).toBe('common:invalidAnswer');
    expect(future.keys).toContain('fixture:askDate');
    // A date that does not exist is refused like a typed one.
    for (const date of ['2026-02-30', '99999-01-01', '2026-13-01', 'yesterday']) {
      const sent = await send({ date });
      expect(sent.keys[0]).toBe('common:invalidDate');
      expect(sent.keys).toContain('fixture:askDate');
    }
    const typedFuture = await send('2027-01-01');
    expect(typedFuture.keys[0]).toBe('common:invalidDate');
    const impossible = await send('2026-02-30');
    expect(impossible.keys[0]).toBe('common:invalidDate');
    expect(impossible.keys).toContain('fixture:askDate');
  });

  it('goes back one question, and to the menu from the first one', async () => {
    const { send } = harness();
    await send({ choice: 'go:move-in' });
    await send({ choice: 'a' });
    const back = await send({ choice: 'cmd:back' });
    expect(back.keys).toContain('fixture:askKind');
    const typedBack = await send('back');
    expect(typedBack.keys).toContain('common:menu.prompt');
  });

  it('returns to the menu on "menu" and "start over" at any step', async () => {
    const { send } = harness();
    await send({ choice: 'go:move-in' });
    expect((await send('start over')).keys).toContain('common:menu.prompt');
    await send({ choice: 'go:move-in' });
    expect((await send({ choice: 'cmd:menu' })).keys).toContain('common:menu.prompt');
  });

  it('hands over to a person from any step', async () => {
    const { send } = harness({
      handoff: ({ reason }) => [{ kind: 'text', text: { key: 'common:nav.human', values: { reason } } }],
    });
    await send({ choice: 'go:move-in' });
    const turn = await send('talk to a person');
    expect(turn.source[0]).toEqual({
      kind: 'text',
      text: { key: 'common:nav.human', values: { reason: 'asked' } },
    });
  });

  it('changes language mid-dialog and keeps the progress', async () => {
    const { send } = harness();
    await send({ choice: 'go:move-in' });
    await send({ choice: 'a' });
    const menu = await send('language');
    expect(menu.payloads).toContain('lang:fr');
    // Each language is listed under its own name.
    expect(menu.messages[0]).toMatchObject({ kind: 'choices' });
    const labels = menu.messages[0]?.kind === 'choices' ? menu.messages[0].choices.map((c) => c.label) : [];
    expect(labels).toContain('Français');
    expect(labels).toContain('日本語');
    const switched = await send({ choice: 'lang:fr' });
    expect(switched.language).toBe('fr');
    expect(switched.keys).toEqual(expect.arrayContaining(['common:language.changed', 'fixture:askDate']));
    expect(switched.messages.at(-1)).toMatchObject({ kind: 'date', prompt: 'Quel jour ?' });
    const done = await send({ date: '2026-11-20' });
    expect(done.messages[0]).toEqual({ kind: 'text', text: 'Fini : a le vendredi 20 novembre 2026' });
  });

  it('uses the channel locale hint until the user picks a language', async () => {
    const { send } = harness({ localeHint: 'fr-FR' });
    expect((await send({ follow: true })).language).toBe('fr');
    await send({ choice: 'lang:ja' });
    expect((await send('menu')).language).toBe('ja');
  });

  it('offers a person after two messages in a row it did not understand', async () => {
    const { send } = harness();
    expect((await send('qwertyuiop')).keys[0]).toBe('common:notUnderstood');
    const second = await send('asdfghjkl');
    expect(second.keys).toEqual(['common:notUnderstood', 'common:nav.human']);
  });

  it('answers a crash in a dialog with an apology and the menu, and resets only that conversation', async () => {
    const { send, store } = harness();
    await send({ choice: 'go:move-in' }, { userKey: 'other' });
    await send({ choice: 'a' }, { userKey: 'other' });
    await send({ choice: 'go:move-in' });
    const crashed = await send({ choice: 'boom' });
    expect(crashed.keys[0]).toBe('common:error.apology');
    expect(crashed.keys).toContain('common:menu.prompt');
    const saved = await store.get<{ dialog?: unknown }>('test:user-1');
    expect(saved?.value.dialog).toBeUndefined();
    const other = await store.get<{ dialog?: { snapshot: { value: string } } }>('test:other');
    expect(other?.value.dialog?.snapshot.value).toBe('askDate');
  });

  it('processes a redelivered event once', async () => {
    const { send } = harness();
    const first = await send({ choice: 'go:move-in' }, { eventId: 'same' });
    const again = await send({ choice: 'go:move-in' }, { eventId: 'same' });
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, messages: [] });
  });

  it("runs one user's turns one at a time, in arrival order", async () => {
    const { send, store } = harness();
    await Promise.all([send({ choice: 'go:move-in' }), send({ choice: 'b' }), send({ date: '2026-11-01' })]);
    const saved = await store.get<{ dialog?: { snapshot: { value: string; context: unknown } } }>(
      'test:user-1',
    );
    expect(saved?.value.dialog?.snapshot).toEqual({
      value: 'done',
      context: { kind: 'b', date: '2026-11-01' },
    });
    expect(saved?.version).toBe(3);
  });

  it('refuses a stale write instead of losing the newer turn', async () => {
    const store = new MemoryStore({ sessionTtlMs: 60_000, seenTtlMs: 60_000 });
    const { send } = harness({ store });
    await send({ choice: 'go:move-in' });
    // Another writer (e.g. a second instance without the lock) saves between our read and write.
    const originalGet = store.get.bind(store);
    let interfered = false;
    store.get = async <T>(key: string) => {
      const record = await originalGet<T>(key);
      if (record && !interfered) {
        interfered = true;
        await store.save(key, record.value, { expectedVersion: record.version });
      }
      return record;
    };
    await expect(send({ choice: 'a' })).rejects.toBeInstanceOf(StaleWriteError);
  });

  it('answers a sticker or an image with what it can read, and keeps the question open', async () => {
    const { send } = harness();
    await send({ choice: 'go:move-in' });
    const turn = await send('ignored', { kind: 'unsupported' });
    expect(turn.keys[0]).toBe('common:unsupportedMessage');
    expect(turn.keys).toContain('fixture:askKind');
  });

  it('deletes everything on unfollow and on "forget me"', async () => {
    const { send, store } = harness();
    await send({ choice: 'go:move-in' });
    await send({ unfollow: true });
    expect(await store.get('test:user-1')).toBeUndefined();
    await send({ choice: 'go:move-in' });
    const forgot = await send('forget me');
    expect(forgot.keys).toEqual(['common:forget.done']);
    expect(await store.get('test:user-1')).toBeUndefined();
  });

  it('resumes the current question after a restart (a new engine on the same store)', async () => {
    const store = new MemoryStore({ sessionTtlMs: 60_000, seenTtlMs: 60_000 });
    await harness({ store }).send({ choice: 'go:move-in' });
    const turn = await harness({ store }).send({ follow: true }, { eventId: 'after-restart' });
    expect(turn.keys).toEqual(expect.arrayContaining(['common:welcomeBack', 'fixture:askKind']));
  });
});

describe('engine: buttons sent back as their label (imBack)', () => {
  it('reads the label of a menu, navigation or next-step button as that button', async () => {
    const { send } = harness();
    await send({ choice: 'go:move-in' });
    await send({ choice: 'b' });
    const done = await send({ date: '2026-11-20' });
    expect(done.keys).toContain('common:next.prompt');
    // "Another procedure" as text, the way a Bot Framework imBack button sends it.
    const another = await send('Another procedure');
    expect(another.keys).toContain('common:menu.prompt');
    const group = await send('Residence card');
    expect(group.payloads).toContain('go:move-in');
    expect((await send('Registering my address')).keys).toContain('fixture:askKind');
    expect((await send('Main menu')).keys).toContain('common:menu.prompt');
  });
});
