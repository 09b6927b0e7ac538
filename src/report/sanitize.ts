/**
 * Log lines are attacker-controlled text. Before any of it reaches a terminal, C0
 * and C1 control characters (ESC starts ANSI sequences that can rewrite the screen)
 * and bidirectional overrides are removed; before it reaches HTML it is escaped.
 */
/** C0 and C1 controls and the bidirectional overrides and isolates, as a character-class body. */
const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';
const TERMINAL_UNSAFE = new RegExp(`[${CONTROLS}]`, 'g');

export function stripControl(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => (c === '\t' ? ' ' : ''));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const HTML_UNSAFE = new RegExp(`[&<>"'${CONTROLS}]`, 'g');

/** A control character or bidirectional override as visible text: `\x1b`, `\u202e`. */
const visible = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
};

/**
 * Text for HTML: markup characters escaped, and control characters and bidirectional
 * overrides (which HTML forbids or which reorder what a reader sees) shown as escapes,
 * so that a malformed line in the report looks like the bytes it held.
 */
export function escapeHtml(text: string): string {
  // Tab and newline are whitespace in HTML like any other.
  return text.replace(HTML_UNSAFE, (c) => HTML_ESCAPES[c] ?? (c === '\t' || c === '\n' ? c : visible(c)));
}
