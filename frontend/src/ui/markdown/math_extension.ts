// A marked extension that keeps LaTeX between the app's delimiters away from the Markdown
// parser (so `_` and `*` inside math are not emphasis) and marks it for KaTeX.
import type { MarkedExtension, Tokens } from "marked";

/** One delimiter pair, as Gradio's `latex_delimiters` lists them. */
export interface LatexDelimiter {
  left: string;
  right: string;
  display: boolean;
}

/** Gradio's default for `gr.Markdown` (its config sends exactly this list). */
export const DEFAULT_LATEX_DELIMITERS: readonly LatexDelimiter[] = [
  { left: "$$", right: "$$", display: true },
];

/** The class the math placeholders carry; `enhance` renders them with KaTeX. */
export const MATH_CLASS = "md-math";

interface MathToken extends Tokens.Generic {
  type: "math";
  raw: string;
  tex: string;
  display: boolean;
}

function escape_text(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Matches `src` opening with a delimiter; a lone `$` needs no space inside (`$5 and $6`). */
function match_math(src: string, delimiters: readonly LatexDelimiter[]): MathToken | undefined {
  for (const { left, right, display } of delimiters) {
    if (!src.startsWith(left)) continue;
    const end = src.indexOf(right, left.length);
    if (end <= left.length) continue;
    const tex = src.slice(left.length, end);
    if (left === "$" && (/^\s/.test(tex) || /\s$/.test(tex) || tex.includes("\n\n"))) continue;
    return { type: "math", raw: src.slice(0, end + right.length), tex, display };
  }
  return undefined;
}

function render_math(token: Tokens.Generic): string {
  const { tex, display } = token as MathToken;
  const kind = display ? "display" : "inline";
  return `<span class="${MATH_CLASS} ${MATH_CLASS}-${kind}">${escape_text(tex)}</span>`;
}

/** The extension for one list of delimiters (longest first, so `$$` wins over `$`). */
export function math_extension(delimiters: readonly LatexDelimiter[]): MarkedExtension {
  const sorted = [...delimiters].sort((a, b) => b.left.length - a.left.length);
  const lefts = [...new Set(sorted.map((d) => d.left))];
  const block_delimiters = sorted.filter((d) => d.display);
  return {
    extensions: [
      {
        name: "math_block",
        level: "block",
        start: (src) => {
          // Only at the start of a line of the current paragraph: marked calls this with
          // the whole rest of the document, and scanning all of it made parsing quadratic.
          const end = src.indexOf("\n\n");
          const paragraph = end < 0 ? src : src.slice(0, end);
          const found = block_delimiters
            .map(({ left }) =>
              paragraph.startsWith(left) ? 0 : paragraph.indexOf(`\n${left}`) + 1 || -1,
            )
            .filter((index) => index >= 0);
          return found.length > 0 ? Math.min(...found) : undefined;
        },
        tokenizer(src) {
          const token = match_math(src, block_delimiters);
          // A display block is the whole paragraph: text after it on the line stays inline.
          if (!token || !/^[ \t]*(?:\n|$)/.test(src.slice(token.raw.length))) return undefined;
          const trailing = /^[ \t]*\n?/.exec(src.slice(token.raw.length))?.[0] ?? "";
          return { ...token, raw: token.raw + trailing };
        },
        renderer: (token) => `<p>${render_math(token)}</p>\n`,
      },
      {
        name: "math",
        level: "inline",
        start: (src) => {
          const index = lefts.map((left) => src.indexOf(left)).filter((i) => i >= 0);
          return index.length > 0 ? Math.min(...index) : undefined;
        },
        tokenizer: (src) => match_math(src, sorted),
        renderer: render_math,
      },
    ],
  };
}
