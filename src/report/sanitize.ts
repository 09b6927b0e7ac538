/**
 * Log lines are attacker-controlled text. Before any of it reaches a terminal, C0
 * and C1 control characters (ESC starts ANSI sequences that can rewrite the screen)
 * and bidirectional overrides are removed; before it reaches HTML it is escaped.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => (c === '\t' ? ' ' : ''));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
