// Where a long document can be cut into parts that each render alone exactly as they do
// in one piece, found without running the Markdown lexer (which is what takes the time).
// A cut goes before an ATX heading (`## x`, not indented) that follows a blank line
// outside a fenced code block: such a line ends every open block (paragraph, list, quote,
// table, indented code) and starts a new top-level one. Documents where that is not
// enough are not cut: link reference definitions (`[x]: url` applies to blocks before it),
// the raw HTML blocks that may span blank lines (`<pre>`, `<script>`, `<style>`,
// `<textarea>`, comments, `<?`, `<!`), math delimiters (a display block may span lines)
// and unbalanced fences.
import type { LatexDelimiter } from "./math_extension";

const CANDIDATE = /^(?: {0,3}(`{3,}|~{3,})(.*)$|#{1,6}(?:[ \t]|$))/gm;
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
  const cuts: number[] = [];
  let fence: string | null = null;
  let last_heading = -1;
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const [, marker, rest] = match;
    if (marker !== undefined) {
      if (fence === null) {
        // A backtick fence's info string has no backtick.
        if (!(marker.startsWith("`") && rest?.includes("`"))) fence = marker;
      } else if (marker[0] === fence[0] && marker.length >= fence.length && !rest?.trim()) {
        fence = null;
      }
      continue;
    }
    const at = match.index;
    if (fence !== null || at < 2 || text[at - 1] !== "\n" || text[at - 2] !== "\n") continue;
    last_heading = at;
    const previous = cuts.at(-1);
    if (previous === undefined ? at >= first_chars : at - previous >= part_chars) cuts.push(at);
  }
  if (fence !== null || cuts.length === 0) return null;
  if (last_heading > (cuts.at(-1) ?? 0)) cuts.push(last_heading);
  return cuts;
}
