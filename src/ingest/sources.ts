/**
 * Turns the command line's inputs into a list of concrete inputs: files as given,
 * `-` for stdin, directories walked recursively, and globs (`*`, `?`, `**`, `[...]`)
 * expanded, each in sorted order so runs are reproducible. A name that matches
 * nothing is kept as given: reading it later yields the "no such file" error.
 */
import { statSync, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

/** The input name that means standard input. */
export const STDIN_PATH = '-';

const GLOB_CHARS = /[*?[]/;

export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (input === STDIN_PATH) { out.push(input); continue; }
    const kind = await statKind(input);
    if (kind === 'dir') await walk(input, out);
    else if (kind === 'file' || !GLOB_CHARS.test(input)) out.push(input);
    else {
      const matches = await expandGlob(input);
      if (matches.length > 0) for (const match of matches) out.push(match);
      else out.push(input);
    }
  }
  return [...new Set(out)];
}

/** path's stats when it names a regular file (links followed); null for anything else, or one that cannot be stat'ed. */
export function regularFile(path: string): Stats | null {
  try {
    const info = statSync(path);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}

async function statKind(path: string): Promise<'file' | 'dir' | null> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

/** Every regular file below `dir`, skipping dot-files and dot-directories. */
export async function walk(dir: string, files: string[] = []): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // An entry's name holds no separator and is never `.` or `..`, so join(dir, name) is
  // this prefix and the name: one join for the folder instead of one per file.
  const prefix = join(dir, 'x').slice(0, -1);
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = prefix + entry.name;
    // Appended in place, not spread: a push of a 150,000-file folder's names as arguments overflows the stack.
    if (entry.isDirectory()) await walk(full, files);
    else if (entry.isFile()) files.push(full);
    else if (entry.isSymbolicLink() && (await statKind(full)) === 'file') files.push(full);
  }
  return files;
}

export async function expandGlob(pattern: string): Promise<string[]> {
  const parts = pattern.split('/');
  const firstMagic = parts.findIndex((p) => GLOB_CHARS.test(p));
  const base = parts.slice(0, firstMagic).join('/') || (pattern.startsWith('/') ? '/' : '.');
  if ((await statKind(base)) !== 'dir') return [];
  const matcher = globToRegExp(pattern);
  const candidates = await walk(base);
  return candidates.filter((file) => matcher.test(normalize(file, base, pattern)));
}

function normalize(file: string, base: string, pattern: string): string {
  const unix = file.split(sep).join('/');
  return base === '.' && !pattern.startsWith('./') ? unix.replace(/^\.\//, '') : unix;
}

export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) { re += '\\['; continue; }
      re += '[' + pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}
