/**
 * The width of a line of help text, standing in for the `string-width` package in the
 * bundled CLI (the build's `--alias`). yargs lays its help out with it, through three
 * copies (its own, cliui's and wrap-ansi's), and each copy builds an Intl.Segmenter and
 * Unicode-set regular expressions when the bundle loads: about 13 ms of every start,
 * a cron re-run's included, for text that is ours and plain ASCII. Here a character is
 * one column, except terminal escapes, control characters and combining marks (none).
 * A test renders every command's help both ways and requires the same bytes.
 */
const ESCAPES = /\u001b\[[0-9;]*[A-Za-z]/g;
const ZERO_WIDTH = /[\p{Cc}\p{Mn}\p{Me}\u200b-\u200f]/u;

export default function helpTextWidth(text: string): number {
  let width = 0;
  for (const character of String(text).replace(ESCAPES, '')) if (!ZERO_WIDTH.test(character)) width++;
  return width;
}
