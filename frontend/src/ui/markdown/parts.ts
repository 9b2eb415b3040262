// Where a long document can be cut into parts that each render alone exactly as they do
// in one piece, found without running the Markdown lexer (which is what takes the time).
// A cut goes before an ATX heading (`## x`, not indented) that follows a blank line
// outside a fenced code block: such a line ends every open block (paragraph, list, quote,
// table, indented code) and starts a new top-level one. Documents where that is not
// enough are not cut: link reference definitions (`[x]: url` applies to blocks before it),
// the raw HTML blocks that may span blank lines (`<pre>`, `<script>`, `<style>`,
// `<textarea>`, comments, `<?`, `<!`) and math delimiters (a display block may span
// lines); nothing is cut after a fence that is never closed.
import type { LatexDelimiter } from "./math_extension";

/** A fenced code block, to its closing fence or the end (a backtick fence's info has no backtick). */
const FENCED =
  /^ {0,3}(?:(`{3,})[^`\n]*[\s\S]*?(?:\n {0,3}\1`*[ \t]*(?=\n|$)|$(?![\s\S]))|(~{3,})[^\n]*[\s\S]*?(?:\n {0,3}\2~*[ \t]*(?=\n|$)|$(?![\s\S])))/gm;
const HEADING = /#{1,6}(?:[ \t\n]|$)/y;
const DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:/m;
const HTML_BLOCK = /^ {0,3}<(?:pre|script|style|textarea|[!?])/im;

/** Whether `text` has a link reference definition (which could change earlier blocks). */
export function has_definition(text: string): boolean {
  return DEFINITION.test(text);
}

/**
 * Offsets to cut `text` at, in order: the first at least `first_chars` in, each next at
 * least `part_chars` after the one before, and the last heading of all (so the part that
 * streamed appends re-render stays small); null when the document cannot be cut.
 */
export function part_cuts(
  text: string,
  first_chars: number,
  part_chars: number,
  delimiters: readonly LatexDelimiter[],
): number[] | null {
  if (has_definition(text) || HTML_BLOCK.test(text)) return null;
  if (delimiters.some(({ left }) => text.includes(left))) return null;
  // [start, end) of each fenced block, in order; one regular expression match each, as
  // a fresh page runs this before its code is optimised.
  const fences: number[] = [];
  FENCED.lastIndex = 0;
  for (let match = FENCED.exec(text); match !== null; match = FENCED.exec(text)) {
    fences.push(match.index, FENCED.lastIndex);
  }
  let fence = 0;
  /** The first heading at or after `from` that follows a blank line outside a fence. */
  const heading_from = (from: number): number => {
    for (let at = text.indexOf("\n\n#", from); at >= 0; at = text.indexOf("\n\n#", at + 1)) {
      const heading = at + 2;
      while (fence < fences.length && (fences[fence + 1] ?? 0) <= heading) fence += 2;
      if ((fences[fence] ?? Infinity) <= heading) {
        at = (fences[fence + 1] ?? text.length) - 1;
        continue;
      }
      HEADING.lastIndex = heading;
      if (HEADING.test(text)) return heading;
    }
    return -1;
  };
  const cuts: number[] = [];
  let at = heading_from(Math.max(0, first_chars - 2));
  for (; at >= 0; at = heading_from(at + part_chars - 2)) cuts.push(at);
  let last = -1;
  for (at = heading_from((cuts.at(-1) ?? text.length) + 1); at >= 0; at = heading_from(at + 1)) {
    last = at;
  }
  if (cuts.length === 0) return null;
  if (last >= 0) cuts.push(last);
  return cuts;
}
