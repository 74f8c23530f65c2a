// The self-contained HTML file: vega, vega-lite and vega-embed inlined from node_modules, the page's own
// style and script (style.css, client.js beside this file), and the encoded payload in inert
// <script type="application/octet-stream"> blocks. Nothing is fetched at view time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../errors.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** A file of an installed package (its exports hide the builds from require.resolve). */
function packageFile(pkg: string, file: string): string {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve(pkg));
    while (basename(dir) !== pkg && dirname(dir) !== dir) dir = dirname(dir);
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new ConfigError([`bench report: cannot read ${pkg}/${file} to inline it`], { fix: 'reinstall the dependencies with `npm ci`' });
  }
}

const LIBS: [string, string][] = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
];

/** Inline script text can hold anything but `</script`. */
const inlineScript = (js: string) => js.replace(/<\/script/gi, '<\\/script');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderPage(title: string, main: string, chunks: string[]): string {
  const libs = LIBS.map(([pkg, file]) => `<script>${inlineScript(packageFile(pkg, file))}</script>`).join('\n');
  const css = readFileSync(join(HERE, 'style.css'), 'utf8');
  const client = ['client-attempt.js', 'client.js'].map((f) => readFileSync(join(HERE, f), 'utf8')).join('\n');
  const data = [`<script type="application/octet-stream" id="payload">${main}</script>`, ...chunks.map((c, i) => `<script type="application/octet-stream" id="chunk-${i}">${c}</script>`)].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; connect-src data: blob:">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<header><h1 id="title">${escapeHtml(title)}</h1><nav id="tabs"><button data-tab="summary" class="active">Summary</button><button data-tab="plots">Plots</button><button data-tab="tasks">Tasks</button></nav><p id="status">loading…</p></header>
<main>
<section id="summary" class="tab active"></section>
<section id="plots" class="tab"></section>
<section id="tasks" class="tab"></section>
</main>
${data}
${libs}
<script>${inlineScript(client)}</script>
</body>
</html>
`;
}
