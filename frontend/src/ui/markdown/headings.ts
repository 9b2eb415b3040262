// Anchors on headings (Gradio's `header_links`): a stable id from the heading's text and a
// link to it. Ids carry the same prefix the sanitiser gives user ids, so they cannot
// clobber globals either.
import { ID_PREFIX } from "./sanitize";

/** Slug counts for one document, so a repeated heading gets `-1`, `-2`. */
export class HeadingSlugs {
  readonly #counts = new Map<string, number>();
  readonly #base_of = new Map<string, string>();

  /** A unique id for a heading with this text. */
  take(text: string): string {
    const base =
      text
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s+/g, "-") || "section";
    let seen = this.#counts.get(base) ?? 0;
    let id = `${ID_PREFIX}${seen === 0 ? base : `${base}-${seen}`}`;
    // "A", "A" and a heading "A-1" must still get three different ids.
    while (this.#base_of.has(id)) id = `${ID_PREFIX}${base}-${++seen}`;
    this.#counts.set(base, seen + 1);
    this.#base_of.set(id, base);
    return id;
  }

  /** Gives back the ids of headings that were re-rendered (always the last ones taken). */
  release(ids: readonly string[]): void {
    for (const id of ids) {
      const base = this.#base_of.get(id);
      if (base === undefined) continue;
      this.#base_of.delete(id);
      const seen = (this.#counts.get(base) ?? 1) - 1;
      if (seen <= 0) this.#counts.delete(base);
      else this.#counts.set(base, seen);
    }
  }
}

/** Gives every heading under `root` an id and an anchor; returns the ids given. */
export function link_headings(root: ParentNode, slugs: HeadingSlugs): string[] {
  const ids: string[] = [];
  for (const heading of root.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const text = heading.textContent;
    const id = slugs.take(text);
    heading.id = id;
    const anchor = document.createElement("a");
    anchor.className = "md-header-anchor";
    anchor.href = `#${id}`;
    anchor.setAttribute("aria-label", `Link to section: ${text.trim()}`);
    anchor.textContent = "#";
    heading.append(anchor);
    ids.push(id);
  }
  return ids;
}
