/**
 * Quote-aware tokenizer shared by the nginx and ALB parsers.
 *
 * A token is one of:
 *  - `"..."`: a quoted field; `\"` inside it is an escaped quote (ALB docs; nginx
 *    `escape=default` never writes a raw quote, it writes `\x22`);
 *  - `[...]`: a bracketed field (nginx `$time_local`);
 *  - a bare run of non-space characters, which may contain a quoted part such as
 *    `uct="0.000"` (nginx key=value timings).
 *
 * Tokens keep their quotes/brackets stripped; `quoted` tells which kind each was so
 * that a parser can tell `"-"` from `-` where that matters.
 */

export const enum TokenKind { Bare = 0, Quoted = 1, Bracketed = 2 }

export interface Tokens {
  values: string[];
  kinds: TokenKind[];
}

// Reused between calls (the tokenizer runs once per line): callers read the tokens
// before tokenizing the next line, and never keep the arrays.
const scratch: Tokens = { values: [], kinds: [] };

/**
 * Returns null when a quote or bracket is left open (a truncated line). The returned
 * arrays are reused by the next call.
 */
export function tokenize(line: string): Tokens | null {
  const { values, kinds } = scratch;
  values.length = 0;
  kinds.length = 0;
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) { i++; continue; }
    if (c === 34 /* " */) {
      // Jump from quote to quote (native indexOf); a quote right after a backslash is escaped.
      let j = line.indexOf('"', i + 1);
      let escaped = false;
      while (j > 0 && line.charCodeAt(j - 1) === 92) {
        escaped = true;
        j = line.indexOf('"', j + 1);
      }
      if (j < 0) return null;
      const raw = line.slice(i + 1, j);
      values.push(escaped ? raw.replace(/\\"/g, '"') : raw);
      kinds.push(TokenKind.Quoted);
      i = j + 1;
    } else if (c === 91 /* [ */) {
      const j = line.indexOf(']', i + 1);
      if (j < 0) return null;
      values.push(line.slice(i + 1, j));
      kinds.push(TokenKind.Bracketed);
      i = j + 1;
    } else {
      // Bare tokens are short: walk them (a key="value with spaces" part belongs to it).
      let j = i;
      while (j < n) {
        const d = line.charCodeAt(j);
        if (d === 32 || d === 9) break;
        if (d === 34) {
          const close = line.indexOf('"', j + 1);
          if (close < 0) return null;
          j = close + 1;
          continue;
        }
        j++;
      }
      values.push(line.slice(i, j));
      kinds.push(TokenKind.Bare);
      i = j;
    }
  }
  return scratch;
}
