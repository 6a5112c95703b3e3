/**
 * The lab webview's HTML: a strict Content-Security-Policy (no inline or remote code; scripts
 * only with the per-load nonce; a Web Worker only from a blob built from our own bundle).
 */
export interface WebviewAssets {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  workerUri: string;
  /** 'panel' (editor area) or 'view' (side bar): the view uses a narrower layout. */
  host: 'panel' | 'view';
  /** The first message, as JSON data in the page (a `type="application/json"` block is never run). */
  first?: unknown;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}

export function labHtml(assets: WebviewAssets): string {
  const { cspSource, nonce, scriptUri, styleUri, workerUri, host, first } = assets;
  // `<` escaped so the JSON cannot close the element.
  const data = first === undefined ? '' : `<script type="application/json" id="ml-lens-first">${JSON.stringify(first).replace(/</g, '\\u003c')}</script>\n`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(styleUri)}">
<title>ML Lens Lab</title>
</head>
<body class="host-${host}">
<main id="ml-lens-lab" data-worker="${escapeAttr(workerUri)}" aria-live="polite"></main>
${data}<script nonce="${escapeAttr(nonce)}" src="${escapeAttr(scriptUri)}"></script>
</body>
</html>`;
}
