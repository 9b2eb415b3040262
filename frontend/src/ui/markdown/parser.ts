// Markdown → HTML with marked (CommonMark + GFM: tables, task lists, strikethrough,
// autolinks), plus LaTeX placeholders. Chosen over markdown-it by measurement on a 256 KB
// mixed document: 15 KB against 42 KB gzipped, and as fast (markdown-it with linkify, needed
// for GFM autolinks, was 4× slower).
import { Lexer, Marked, type Token, type TokensList } from "marked";
import { math_extension, type LatexDelimiter } from "./math_extension";
import { schedule } from "./tasks";

/** Work per warm-up task: compiling one of marked's largest expressions takes ~9 ms. */
const WARM_UP_TASK_MS = 10;
/** A little of every common construct, lexed once to warm up the code. */
const WARM_UP_SAMPLE = [
  "# Title\n\nText with *em*, **strong**, ~~del~~, `code`, [a](https://a.example) and",
  "https://b.example.\n\n- one\n- [x] two\n  - three\n\n1. one\n\n> quote\n\n",
  "| a | b |\n|---|:-:|\n| 1 | 2 |\n\n```py\nx = 1\n```\n\nSetext\n---\n",
].join(" ");
let warming = false;

/**
 * Compiles marked's regular expressions and warms up its code, a little per idle task:
 * on a fresh page the first document's lexing spent ~35 ms of its time on that (V8
 * compiles an expression when first run), almost all in the first kilobyte.
 */
function warm_up(marked: Marked, line_breaks: boolean): void {
  if (warming) return;
  warming = true;
  const { block, inline } = Lexer.rules;
  const rules = [
    ...Object.values(block.gfm),
    ...Object.values(line_breaks ? inline.breaks : inline.gfm),
  ];
  const jobs = rules
    .filter((rule): rule is RegExp => rule instanceof RegExp)
    .map((rule) => () => {
      // Twice: V8 moves an expression to native code on its second run.
      for (let run = 0; run < 2; run++) {
        rule.lastIndex = 0;
        rule.exec(WARM_UP_SAMPLE);
      }
      rule.lastIndex = 0;
    });
  jobs.push(() => void marked.parser(new Lexer(marked.defaults).lex(WARM_UP_SAMPLE)));
  const run = (): void => {
    const started = performance.now();
    while (jobs.length > 0 && performance.now() - started < WARM_UP_TASK_MS) jobs.shift()?.();
    if (jobs.length > 0) schedule(run, false, "background");
  };
  schedule(run, true, "background");
}

/** How a document is parsed; the Markdown component's props. */
export interface ParseOptions {
  /** A single newline becomes `<br>` (Gradio's `line_breaks`). */
  line_breaks: boolean;
  latex_delimiters: readonly LatexDelimiter[];
}

/** A configured parser: block lexing and rendering kept apart for incremental updates. */
export class MarkdownParser {
  readonly #marked: Marked;

  constructor(options: ParseOptions) {
    this.#marked = new Marked({ gfm: true, breaks: options.line_breaks });
    if (options.latex_delimiters.length > 0) {
      this.#marked.use(math_extension(options.latex_delimiters));
    }
  }

  /** Gets marked ready for the first document in idle time (once per page). */
  warm_up(): void {
    warm_up(this.#marked, this.#marked.defaults.breaks === true);
  }

  /** Block tokens of `source`, resolving reference links against `links` as well. */
  lex(source: string, links: TokensList["links"] = {}): TokensList {
    const lexer = new Lexer(this.#marked.defaults);
    Object.assign(lexer.tokens.links, links);
    return lexer.lex(source);
  }

  /** HTML of some block tokens; `links` are the document's reference definitions. */
  render(tokens: Token[], links: TokensList["links"]): string {
    const list = Object.assign([...tokens], { links }) as TokensList;
    return this.#marked.parser(list);
  }

  /** Whether any of `tokens` (at any depth) is raw HTML written in the document. */
  has_raw_html(tokens: Token[]): boolean {
    // Raw HTML starts with `<`; most documents have none, and walking every token was a
    // tenth of a long document's render.
    if (!tokens.some((token) => token.raw.includes("<"))) return false;
    let found = false;
    this.#marked.walkTokens(tokens, (token) => {
      if (token.type === "html") found = true;
    });
    return found;
  }

  /** HTML of a whole document. */
  to_html(source: string): string {
    const tokens = this.lex(source);
    return this.render(tokens, tokens.links);
  }
}
