/** The per-load nonce of the lab webview's Content-Security-Policy (shared/webview-html.ts). */

/** A fresh nonce of 32 alphanumeric characters (crypto.getRandomValues: Node 20+ and browsers). */
export function createNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
