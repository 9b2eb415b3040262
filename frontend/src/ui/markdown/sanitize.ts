// DOMPurify set up for untrusted HTML: Markdown output, chat messages, HTML values that a
// function returned. Elements AND attributes are allow-listed (an attribute deny-list
// misses `popovertarget`, `formaction` and whatever the next HTML version adds).
// - `id`/`name` get the `user-content-` prefix so a document cannot clobber `window.x` or
//   `document.x`; same-page links `#x` are rewritten to match.
// - `style` keeps only the declarations `filter_style` allows (no overlays).
// - URLs: DOMPurify's protocol allow-list (http, https, mailto, tel, relative) after the
//   browser decoded entities and stripped tabs, so `jav&#x09;ascript:` is caught;
//   `data:` only for media `src`, never `data:text/html`.
// - Every link gets `rel="noopener noreferrer"`; links to another origin open in a new tab.
import DOMPurify, { type DOMPurify as Purifier } from "dompurify";
import { filter_style } from "./style_filter";

export const ID_PREFIX = "user-content-";

const ALLOWED_TAGS = [
  "a",
  "abbr",
  "audio",
  "b",
  "bdi",
  "bdo",
  "blockquote",
  "br",
  "caption",
  "center",
  "cite",
  "code",
  "col",
  "colgroup",
  "dd",
  "del",
  "details",
  "dfn",
  "div",
  "dl",
  "dt",
  "em",
  "figcaption",
  "figure",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "i",
  "img",
  "input",
  "ins",
  "kbd",
  "li",
  "mark",
  "ol",
  "p",
  "picture",
  "pre",
  "q",
  "rp",
  "rt",
  "ruby",
  "s",
  "samp",
  "small",
  "source",
  "span",
  "strong",
  "sub",
  "summary",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "time",
  "tr",
  "track",
  "u",
  "ul",
  "var",
  "video",
  "wbr",
];

const ALLOWED_ATTR = [
  "align",
  "alt",
  "checked",
  "cite",
  "class",
  "colspan",
  "controls",
  "datetime",
  "dir",
  "disabled",
  "headers",
  "height",
  "href",
  "id",
  "kind",
  "label",
  "lang",
  "loop",
  "muted",
  "name",
  "open",
  "poster",
  "reversed",
  "rowspan",
  "scope",
  "span",
  "src",
  "srclang",
  "start",
  "style",
  "title",
  "type",
  "value",
  "width",
];

/** `scheme://host[:port]` spelled so that the URL parser keeps it as written. */
const PLAIN_ORIGIN = /^(https?:\/\/[a-z0-9.-]+(?::\d+)?)(?:[/?#]|$)/i;

function is_external(href: string): boolean {
  // Parsing every link with URL was a tenth of a long document's render; a plain
  // `https://host/...` needs no parser. Getting that wrong only changes the tab it opens in.
  if (href.startsWith("#")) return false;
  const origin = PLAIN_ORIGIN.exec(href)?.[1]?.toLowerCase();
  if (origin !== undefined) return origin !== location.origin;
  try {
    const url = new URL(href, location.href);
    return (
      (url.protocol === "http:" || url.protocol === "https:") && url.origin !== location.origin
    );
  } catch {
    return false;
  }
}

function finish_element(node: Element): void {
  if (node.tagName === "INPUT") {
    // Only the read-only checkbox of a task list; a text field could phish.
    if (node.getAttribute("type") !== "checkbox") {
      node.remove();
      return;
    }
    node.setAttribute("disabled", "");
  }
  if (node.tagName === "A") {
    const href = node.getAttribute("href");
    if (href?.startsWith("#") && href.length > 1 && !href.startsWith(`#${ID_PREFIX}`)) {
      node.setAttribute("href", `#${ID_PREFIX}${href.slice(1)}`);
    }
    node.setAttribute("rel", "noopener noreferrer");
    if (href !== null && is_external(href)) node.setAttribute("target", "_blank");
  }
}

const CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
};

function create_purifier(): Purifier {
  const purifier = DOMPurify(window);
  const probe = document.createElement("div");
  purifier.addHook("uponSanitizeAttribute", (_node, data) => {
    if (data.attrName !== "style") return;
    data.attrValue = filter_style(data.attrValue, probe);
    if (data.attrValue === "") data.keepAttr = false;
  });
  purifier.addHook("afterSanitizeAttributes", finish_element);
  // Parsed once here instead of on every call (a streamed reply sanitises per token).
  purifier.setConfig({ ...CONFIG, RETURN_DOM_FRAGMENT: true });
  return purifier;
}

// Configured once; it holds no per-app state.
const fragment_purifier = create_purifier();

/** Sanitises untrusted HTML into a fragment ready to insert (never re-parsed). */
export function purify_fragment(html: string): DocumentFragment {
  return fragment_purifier.sanitize(html, { RETURN_DOM_FRAGMENT: true });
}

/**
 * Applies the sanitiser's URL and link rules to HTML that cannot carry anything else:
 * marked's output for Markdown without raw HTML (its text and attributes are escaped,
 * and URLs in `href`/`src` are the only values a document controls). Skipping the
 * full parse-and-walk there made a 256 KB document render several times faster.
 */
export function check_links(root: ParentNode): void {
  for (const element of root.querySelectorAll("[href], [src]")) {
    for (const name of ["href", "src"]) {
      const value = element.getAttribute(name);
      if (value !== null && !fragment_purifier.isValidAttribute(element.localName, name, value)) {
        element.removeAttribute(name);
      }
    }
    finish_element(element);
  }
}
