// Madoguchi's chat widget. Embed with one line:
//   <script src="https://madoguchi.example.org/widget.js" data-lang="fr" defer></script>
// It adds a chat button; the panel it opens runs Microsoft's Web Chat, loaded from the same server,
// on Madoguchi's own Direct Line. The conversation (token and id) is kept in localStorage, so a reload
// resumes it with its history. Plain browser JavaScript on purpose: served as is, no build step.
(() => {
  const script = document.currentScript;
  if (!script || window.madoguchiWidget) return;
  const base = new URL(script.src).origin;
  const storageKey = `madoguchi:conversation:${base}`;
  const openKey = `madoguchi:open:${base}`;
  let lang = script.dataset.lang || document.documentElement.lang || navigator.language || 'en';
  let dir = 'ltr';
  let languages = [];
  let directLine;
  let started;

  const css = `
    .madoguchi-button { position: fixed; inset-block-end: 1rem; inset-inline-end: 1rem; z-index: 2147483000;
      border: 0; border-radius: 2rem; padding: .8rem 1.2rem; font: 600 1rem system-ui, sans-serif;
      background: #06775a; color: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.3); cursor: pointer; }
    .madoguchi-button:focus-visible, .madoguchi-panel :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
    .madoguchi-panel { position: fixed; inset-block-end: 4.5rem; inset-inline-end: 1rem; z-index: 2147483001;
      width: min(26rem, calc(100vw - 2rem)); height: min(40rem, calc(100vh - 6rem)); display: flex;
      flex-direction: column; background: #fff; border-radius: .75rem; box-shadow: 0 4px 24px rgba(0,0,0,.35);
      overflow: hidden; font: 1rem system-ui, sans-serif; }
    .madoguchi-panel[hidden] { display: none; }
    .madoguchi-header { display: flex; align-items: center; gap: .5rem; padding: .5rem .75rem; background: #06775a; color: #fff; }
    .madoguchi-header h2 { flex: 1; margin: 0; font-size: 1.05rem; }
    .madoguchi-header select { font: inherit; max-width: 10rem; }
    .madoguchi-header button { border: 0; background: transparent; color: #fff; font-size: 1.4rem; cursor: pointer; }
    .madoguchi-chat { flex: 1; min-height: 0; }
    .madoguchi-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    @media (max-width: 600px) {
      .madoguchi-panel { inset: 0; width: 100vw; height: 100dvh; border-radius: 0; }
    }`;
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'madoguchi-button';
  // The button's and the panel's own words, in every language: the server prefixes this script with
  // `window.madoguchiStrings` rendered from the locales (common:widget.*).
  const strings = window.madoguchiStrings || {};
  const words = (code) => strings[code] || strings[String(code).split('-')[0]] || strings.en || {};
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'madoguchi-panel');

  const panel = document.createElement('section');
  panel.id = 'madoguchi-panel';
  panel.className = 'madoguchi-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'madoguchi-title');
  panel.innerHTML = `
    <div class="madoguchi-header">
      <h2 id="madoguchi-title">Madoguchi</h2>
      <label class="madoguchi-visually-hidden" for="madoguchi-language"></label>
      <select id="madoguchi-language"></select>
      <button type="button" class="madoguchi-close">×</button>
    </div>
    <div class="madoguchi-chat" role="region"></div>`;
  const picker = panel.querySelector('select');
  const chat = panel.querySelector('.madoguchi-chat');
  function labelInLanguage() {
    const w = words(lang);
    button.textContent = w.chat || 'Chat';
    chat.setAttribute('aria-label', w.chat || 'Chat');
    panel.querySelector('.madoguchi-close').setAttribute('aria-label', w.close || 'Close');
    panel.querySelector('label').textContent = w.language || 'Language';
  }
  labelInLanguage();
  document.body.append(button, panel);

  function setOpen(open) {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    sessionStorage.setItem(openKey, open ? '1' : '');
    if (open) {
      start()
        // Keyboard users land in the message box.
        .then(() => requestAnimationFrame(() => chat.querySelector('input, textarea')?.focus()))
        .catch((error) => {
          chat.textContent = `Madoguchi: ${error.message}`;
        });
    } else {
      button.focus();
    }
  }

  button.addEventListener('click', () => setOpen(panel.hidden));
  panel.querySelector('.madoguchi-close').addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
  });
  picker.addEventListener('change', () => {
    // The bot switches language on its own `lang:<code>` choice, as from its language menu.
    chooseLanguage(picker.value);
    directLine
      ?.postActivity({
        type: 'message',
        from: { id: 'user' },
        text: picker.selectedOptions[0]?.textContent ?? picker.value,
        value: { choice: `lang:${picker.value}` },
      })
      .subscribe();
  });

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const element = document.createElement('script');
      element.src = src;
      element.onload = resolve;
      element.onerror = () => reject(new Error('could not load the chat'));
      document.head.append(element);
    });
  }

  async function post(path, token, body) {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`the chat is unavailable (${response.status})`);
    return response.json();
  }

  function expiry(token) {
    try {
      const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return payload.exp * 1000;
    } catch {
      return 0;
    }
  }

  /** The stored conversation while its token is still good (refreshed), else a new one. */
  async function conversation() {
    const stored = JSON.parse(localStorage.getItem(storageKey) || 'null');
    if (stored && expiry(stored.token) > Date.now() + 5_000) {
      try {
        const refreshed = await post('/directline/tokens/refresh', stored.token);
        return { ...stored, token: refreshed.token, resumed: true };
      } catch {
        // An unknown or revoked token: start over.
      }
    }
    const created = await post('/widget/token', undefined, { locale: lang });
    languages = created.languages;
    return { conversationId: created.conversationId, token: created.token, languages, resumed: false };
  }

  function remember(current) {
    localStorage.setItem(
      storageKey,
      JSON.stringify({ conversationId: current.conversationId, token: current.token, languages }),
    );
  }

  function chooseLanguage(code) {
    const known = languages.find((language) => language.code === code);
    if (!known) return;
    lang = known.code;
    dir = known.dir;
    picker.value = lang;
    panel.setAttribute('lang', known.intl);
    panel.setAttribute('dir', dir);
    labelInLanguage();
    render();
  }

  function render() {
    const known = languages.find((language) => language.code === lang);
    window.WebChat.renderWebChat(
      {
        directLine,
        locale: known?.intl ?? lang,
        dir,
        styleOptions: {
          accent: '#06775a',
          suggestedActionLayout: 'flow',
          hideUploadButton: true,
          rootHeight: '100%',
        },
      },
      chat,
    );
  }

  async function start() {
    if (started) return started;
    started = (async () => {
      const [current] = await Promise.all([
        conversation(),
        window.WebChat ? null : loadScript(`${base}/widget/webchat.js`),
      ]);
      languages = current.languages ?? languages;
      picker.replaceChildren(
        ...languages.map((language) => {
          const option = document.createElement('option');
          option.value = language.code;
          option.lang = language.intl;
          option.textContent = language.name;
          return option;
        }),
      );
      directLine = window.WebChat.createDirectLine({
        domain: `${base}/directline`,
        token: current.token,
        webSocket: true,
        ...(current.resumed ? { conversationId: current.conversationId, watermark: '0' } : {}),
      });
      remember(current);
      // Keep the stored token fresh: the client refreshes it in the background.
      setInterval(
        () => remember({ conversationId: current.conversationId, token: directLine.token }),
        60_000,
      );
      // The bot's language is the conversation's: follow it when the user switches in the chat.
      directLine.activity$.subscribe((activity) => {
        if (activity.from?.role !== 'bot' || !activity.locale) return;
        const code = languages.find((language) => language.intl === activity.locale)?.code;
        if (code && code !== lang) chooseLanguage(code);
      });
      const known = languages.find((language) => language.code === lang || language.intl === lang);
      chooseLanguage(known?.code ?? languages[0]?.code);
    })();
    return started;
  }

  window.madoguchiWidget = { open: () => setOpen(true), close: () => setOpen(false) };
  if (sessionStorage.getItem(openKey)) setOpen(true);
})();
