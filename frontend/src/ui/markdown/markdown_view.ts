// Renders Markdown into an element and keeps it up to date as the source grows.
// A streamed reply arrives as ever longer strings; re-parsing the whole document on every
// token made streaming quadratic. When the new source extends the old one, the blocks
// before the last REPARSED_BLOCKS are kept (their DOM too) and only the source from there
// on is lexed, rendered and sanitised again. A new reference definition (`[x]: url`)
// can change earlier blocks, so it triggers one full render.
// A long document (a 256 KB one takes ~300 ms of main thread in one piece on the
// benchmark machine, most of it marked's lexer) is shown in parts when it can be cut at
// headings (parts.ts): the first ~screen and the last section at once, each part between
// in a CHUNK_CLASS placeholder sized from its source, rendered when it nears the
// viewport or in the tasks after (deferred_parts.ts). So the whole length is laid out in
// the first frame and no task is long; the last section is rendered incrementally, so streaming onto the
// document re-renders only its end. Text in a part not rendered yet is not in the DOM
// (not found by the browser's find) until those tasks reach it, ~0.5 s later.
// Other long documents (header_links, math, reference definitions, raw <pre>/<script>
// blocks) are shown in order, in slices appended one task apart (each sized to take about
// SLICE_BUDGET_MS), each later one also in a CHUNK_CLASS element: with ~10,000 top-level
// blocks, Chromium's style, layout and pre-paint of the inserted blocks took ~200 ms
// (content-visibility: auto still costs per skipped block); with a few dozen chunks that
// the long-document style skips as a whole, ~25 ms.
import type { Token, TokensList } from "marked";
import { enhance } from "./enhance";
import { HeadingSlugs, link_headings } from "./headings";
import { MarkdownParser, type ParseOptions } from "./parser";
import { DeferredParts, type Part } from "./deferred_parts";
import { has_definition, part_cuts } from "./parts";
import { check_links, purify_fragment } from "./sanitize";
import { schedule } from "./tasks";

/** Characters shown per task when a long document arrives (cut at a blank line). */
const FIRST_SLICE_CHARS = 4 * 1024;
/** Each later slice is sized from the last one's speed to take about this long. */
const SLICE_BUDGET_MS = 30;
const MAX_SLICE_CHARS = 64 * 1024;
/**
 * Past this many characters a document is long: its off-screen blocks skip layout (the
 * component's style), and one that can be cut (parts.ts) is shown in parts.
 */
export const LONG_DOCUMENT_CHARS = 20_000;
/**
 * The first part (rendered at once) is about a screen: on a fresh page the Markdown code
 * is still cold, and 4 KB took ~35 ms. The others are sized to about 10 ms of work.
 */
const FIRST_PART_CHARS = 1024;
const PART_CHARS = 8 * 1024;

/** The element each later slice of a long document is shown in. */
export const CHUNK_CLASS = "md-chunk";

/** Blocks re-lexed on each append: the last one may grow, the one before may absorb it. */
const REPARSED_BLOCKS = 2;

/** Index of the first token the next append re-parses: the last REPARSED_BLOCKS non-space ones. */
function reparsed_from(tokens: readonly Token[]): number {
  let remaining = REPARSED_BLOCKS;
  let cut = tokens.length;
  while (cut > 0 && remaining > 0) {
    cut--;
    if (tokens[cut]?.type !== "space") remaining--;
  }
  return cut;
}

/** The reference definitions (`[x]: url`) among the first `count` tokens. */
function links_defined_by(tokens: readonly Token[], count: number): TokensList["links"] {
  const links: TokensList["links"] = {};
  for (let index = 0; index < count; index++) {
    const token = tokens[index];
    if (token?.type === "def" && !(token.tag in links)) {
      links[token.tag] = { href: token.href, title: token.title };
    }
  }
  return links;
}

/** Whether the re-lexed tail defines a reference the earlier blocks were rendered without. */
function changes_links(tail: TokensList, rendered_with: TokensList["links"]): boolean {
  return tail.some((token) => {
    if (token.type !== "def") return false;
    const known = rendered_with[token.tag];
    return known === undefined || known.href !== token.href || known.title !== token.title;
  });
}

/** How a document is shown: the Markdown component's props. */
export interface RenderOptions extends ParseOptions {
  /** Sanitise the HTML (Gradio's `sanitize_html`); false trusts the app's raw HTML. */
  sanitize: boolean;
  /** Ids and anchor links on headings (Gradio's `header_links`). */
  header_links: boolean;
}

/** A run of blocks rendered together: tokens from `first`, source from `start`. */
interface Segment {
  first: number;
  start: number;
  nodes: ChildNode[];
  heading_ids: string[];
}

function trusted_fragment(html: string): DocumentFragment {
  // innerHTML marks <script> elements as already started: like Gradio, they never run.
  // A template's content is already a fragment: no moving thousands of nodes into one.
  const scratch = document.createElement("template");
  scratch.innerHTML = html;
  return scratch.content;
}

/** One document shown in one element. */
export class MarkdownView {
  readonly #root: HTMLElement;
  readonly #options: RenderOptions;
  readonly #parser: MarkdownParser;
  readonly #slugs = new HeadingSlugs();
  /** The latest update's text. */
  #full = "";
  /**
   * Where the blocks rendered incrementally start: 0, or in a document shown in parts the
   * last part, so a streamed append re-renders only the end. `#source` and `#target`
   * (what of that is shown, and what the latest update asked for; longer while slicing)
   * are counted from there.
   */
  #base = 0;
  #source = "";
  #target = "";
  /** The parts before `#base` (a document shown in parts), and the nodes they are in. */
  #parts: DeferredParts | null = null;
  #part_nodes: ChildNode[] = [];
  #cancel_slice: (() => void) | null = null;
  /** Where new blocks go: the root, or the chunk of the slice being shown. */
  #container: ParentNode;
  #slice_chars = FIRST_SLICE_CHARS;
  #complete: Promise<void> = Promise.resolve();
  #resolve: (() => void) | null = null;
  #tokens: Token[] = [];
  #links: TokensList["links"] = {};
  #segments: Segment[] = [];
  /** Settles when the math and code of the latest update are rendered. */
  enhanced: Promise<void> = Promise.resolve();
  /** Characters lexed since creation: streaming stays linear in the document's length. */
  lexed_chars = 0;

  constructor(root: HTMLElement, options: RenderOptions) {
    this.#root = root;
    this.#container = root;
    this.#options = options;
    this.#parser = new MarkdownParser(options);
    this.#parser.warm_up();
  }

  /**
   * Shows `source`, re-rendering only what changed when it extends the previous one.
   * A long document is shown in slices; `complete` settles when all of it is shown.
   */
  update(source: string): void {
    const text = source.includes("\r") ? source.replace(/\r\n?/g, "\n") : source;
    if (text === this.#full) return;
    const previous = this.#full;
    this.#full = text;
    this.#stop_slicing();
    if (this.#base > 0 && text.startsWith(previous)) {
      // A definition could change a part before the base: then everything is redone.
      const overlap = Math.max(this.#base, previous.length - FIRST_SLICE_CHARS);
      if (!has_definition(text.slice(overlap))) {
        this.#target = text.slice(this.#base);
        this.#show_next_slice(false);
        return;
      }
    }
    const appended = this.#base === 0 && this.#source !== "" && text.startsWith(this.#source);
    const cuts = appended ? null : this.#part_cuts(text);
    if (cuts !== null || this.#base > 0 || this.#parts !== null) this.#reset();
    if (cuts !== null) {
      this.#show_in_parts(cuts);
      return;
    }
    this.#target = text;
    this.#show_next_slice(false);
  }

  /** Stops showing slices of a long document (the element is going away). */
  destroy(): void {
    this.#stop_slicing();
    this.#parts?.stop();
    this.#resolve_complete();
  }

  /** Settles when the latest update is shown in full (math and code may still load). */
  get complete(): Promise<void> {
    return this.#complete;
  }

  /**
   * Settles when the whole length of the latest update is laid out: at once for a
   * document shown in parts (the parts not rendered yet are sized placeholders), else
   * with `complete`.
   */
  get laid_out(): Promise<void> {
    return this.#parts === null ? this.#complete : Promise.resolve();
  }

  #part_cuts(text: string): number[] | null {
    if (text.length <= LONG_DOCUMENT_CHARS || this.#options.header_links) return null;
    return part_cuts(text, FIRST_PART_CHARS, PART_CHARS, this.#options.latex_delimiters);
  }

  /** Drops everything shown: the parts and the incrementally rendered blocks. */
  #reset(): void {
    this.#parts?.stop();
    this.#parts = null;
    for (const node of this.#part_nodes.splice(0)) node.remove();
    this.#drop_segments(0);
    this.#tokens = [];
    this.#links = {};
    this.#base = 0;
    this.#source = "";
    this.#target = "";
  }

  /** The first part now, the others as they near the viewport; the last one incrementally. */
  #show_in_parts(cuts: number[]): void {
    const text = this.#full;
    this.#pending_complete();
    this.#render_part(0, cuts[0] ?? text.length, this.#root);
    const parts: Part[] = [];
    for (let index = 0; index + 1 < cuts.length; index++) {
      const [start = 0, end = 0] = [cuts[index], cuts[index + 1]];
      const element = document.createElement("div");
      element.className = CHUNK_CLASS;
      // Sized until rendered like a rendered chunk: its blocks are about its blank lines.
      let blocks = 0;
      for (
        let at = text.indexOf("\n\n", start);
        at >= 0 && at < end;
        at = text.indexOf("\n\n", at + 2)
      ) {
        blocks++;
      }
      element.style.setProperty("--md-chunk-blocks", String(Math.max(1, blocks)));
      this.#root.append(element);
      this.#part_nodes.push(element);
      parts.push({ start, end, element });
    }
    // Renders nothing before this task ends: the last part (below) can see it pending.
    this.#parts = new DeferredParts(
      parts,
      (part) => this.#render_part(part.start, part.end, part.element),
      () => this.#complete_if_done(),
    );
    this.#base = cuts.at(-1) ?? 0;
    this.#target = text.slice(this.#base);
    this.#show_next_slice(true);
  }

  /** Renders `[start, end)` of the latest update on its own into `container`. */
  #render_part(start: number, end: number, container: HTMLElement): void {
    const source = this.#full.slice(start, end);
    const tokens = this.#parser.lex(source);
    this.lexed_chars += source.length;
    const fragment = this.#fragment_of(this.#parser.render(tokens, tokens.links), tokens);
    const enhanced = enhance(fragment);
    if (container === this.#root) this.#part_nodes.push(...fragment.childNodes);
    container.append(fragment);
    this.enhanced = Promise.all([this.enhanced, enhanced]).then(() => undefined);
  }

  #complete_if_done(): void {
    if (this.#cancel_slice === null && (this.#parts?.done ?? true)) this.#resolve_complete();
  }

  #show_next_slice(is_later_slice: boolean): void {
    const target = this.#target;
    const appended = this.#source !== "" && target.startsWith(this.#source);
    const shown = appended ? this.#source.length : 0;
    const slice = shown === 0 ? FIRST_SLICE_CHARS : this.#slice_chars;
    const cut = target.length - shown > slice ? target.indexOf("\n\n", shown + slice) : -1;
    const next = cut < 0 ? target : target.slice(0, cut + 2);
    if (next !== this.#source) {
      const started = performance.now();
      const chunk = is_later_slice ? this.#open_chunk() : null;
      this.#render_from(appended ? this.#first_reparsed_segment() : 0, next);
      if (chunk !== null) this.#close_chunk(chunk);
      const chars_per_ms = (next.length - shown) / Math.max(1, performance.now() - started);
      this.#slice_chars = Math.min(
        MAX_SLICE_CHARS,
        Math.max(FIRST_SLICE_CHARS, Math.round(chars_per_ms * SLICE_BUDGET_MS)),
      );
    }
    if (next === target) {
      this.#complete_if_done();
      return;
    }
    this.#pending_complete();
    this.#cancel_slice = schedule(
      () => {
        this.#cancel_slice = null;
        this.#show_next_slice(true);
      },
      !is_later_slice,
      "user-blocking",
    );
  }

  #stop_slicing(): void {
    this.#cancel_slice?.();
    this.#cancel_slice = null;
  }

  #open_chunk(): HTMLElement {
    const chunk = document.createElement("div");
    chunk.className = CHUNK_CLASS;
    this.#root.append(chunk);
    this.#container = chunk;
    return chunk;
  }

  #close_chunk(chunk: HTMLElement): void {
    this.#container = this.#root;
    if (chunk.childNodes.length === 0) chunk.remove();
    // Sizes the chunk's placeholder until it is first laid out (about 2 lines a block).
    else chunk.style.setProperty("--md-chunk-blocks", String(chunk.childElementCount));
  }

  #pending_complete(): void {
    if (this.#resolve !== null) return;
    this.#complete = new Promise((resolve) => (this.#resolve = resolve));
  }

  #resolve_complete(): void {
    this.#resolve?.();
    this.#resolve = null;
  }

  #first_reparsed_segment(): number {
    const cut = reparsed_from(this.#tokens);
    let index = this.#segments.length;
    while (index > 0 && (this.#segments[index - 1]?.first ?? 0) > cut) index--;
    return Math.max(0, index - 1);
  }

  #render_from(segment_index: number, source: string): void {
    const kept = this.#segments[segment_index];
    const first = segment_index === 0 || kept === undefined ? 0 : kept.first;
    const start = first === 0 ? 0 : (kept?.start ?? 0);
    const tail = this.#parser.lex(source.slice(start), links_defined_by(this.#tokens, first));
    this.lexed_chars += source.length - start;
    if (first > 0 && changes_links(tail, this.#links)) {
      this.#render_from(0, source);
      return;
    }
    this.#drop_segments(segment_index);
    this.#tokens = [...this.#tokens.slice(0, first), ...tail];
    this.#links = tail.links;
    this.#source = source;
    // The blocks the next append re-parses get a segment each, so it drops only those.
    const stable = reparsed_from(tail);
    const groups = [tail.slice(0, stable), ...tail.slice(stable).map((token) => [token])];
    const jobs: Promise<void>[] = [];
    let token_index = first;
    let offset = start;
    for (const group of groups) {
      if (group.length === 0) continue;
      jobs.push(this.#append_segment(group, token_index, offset));
      token_index += group.length;
      offset += group.reduce((length, token) => length + token.raw.length, 0);
    }
    const previous = this.enhanced;
    this.enhanced = Promise.all([previous, ...jobs]).then(() => undefined);
  }

  /** Removes the blocks of the segments from `segment_index` on. */
  #drop_segments(segment_index: number): void {
    for (const segment of this.#segments.splice(segment_index)) {
      for (const node of segment.nodes) {
        const parent = node.parentElement;
        node.remove();
        if (parent !== this.#root && parent?.childNodes.length === 0) parent.remove();
      }
      this.#slugs.release(segment.heading_ids);
    }
  }

  #fragment_of(html: string, tokens: Token[]): DocumentFragment {
    if (!this.#options.sanitize) return trusted_fragment(html);
    if (this.#parser.has_raw_html(tokens)) return purify_fragment(html);
    // No raw HTML: marked escaped every text and attribute; only the URLs need the rules.
    const fragment = trusted_fragment(html);
    check_links(fragment);
    return fragment;
  }

  #append_segment(tokens: Token[], first: number, start: number): Promise<void> {
    const html = this.#parser.render(tokens, this.#links);
    const fragment = this.#fragment_of(html, tokens);
    const heading_ids = this.#options.header_links ? link_headings(fragment, this.#slugs) : [];
    const nodes = [...fragment.childNodes];
    // enhance() collects its elements before the fragment empties into the page.
    const enhanced = enhance(fragment);
    this.#container.append(fragment);
    this.#segments.push({ first, start, nodes, heading_ids });
    return enhanced;
  }
}
