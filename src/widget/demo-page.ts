/** The demo page at `/`: what the widget looks like on a page, and the line that embeds it. */
import type { Language } from '../i18n/index.ts';

export interface DemoPage {
  language: Language;
  languages: readonly Language[];
  /** Madoguchi's own origin, for the snippet to copy. */
  origin: string;
  scriptPath: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function demoPage({ language, languages, origin, scriptPath }: DemoPage): string {
  const links = languages
    .map(
      ({ code, intl, name }) =>
        `<a href="?lang=${encodeURIComponent(code)}" lang="${escapeHtml(intl)}">${escapeHtml(name)}</a>`,
    )
    .join(' · ');
  const snippet = escapeHtml(
    `<script src="${origin}${scriptPath}" data-lang="${language.code}" defer></script>`,
  );
  return `<!doctype html>
<html lang="${escapeHtml(language.intl)}" dir="${language.dir}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Madoguchi</title>
    <style>
      body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1.5rem; color: #222; }
      pre { background: #f2f2f2; padding: .75rem; overflow-x: auto; }
    </style>
  </head>
  <body>
    <main>
      <h1>Madoguchi</h1>
      <p>A multilingual guide to immigration procedures in Japan: open the chat with the button at the bottom of the page.</p>
      <p>Open this page in: ${links}</p>
      <p>Add the chat to a web page with one line:</p>
      <pre><code>${snippet}</code></pre>
    </main>
    <script src="${escapeHtml(scriptPath)}" data-lang="${escapeHtml(language.code)}" defer></script>
  </body>
</html>
`;
}
