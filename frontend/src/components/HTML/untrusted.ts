// Cleans a value that a function produced before it enters the author's templates.
// The string is sanitised (DOMPurify), then written back with every character that could
// end an attribute (`"`, `'`) or reach the template-literal pass (`` ` ``, `$`, `\`) as an
// entity, so `<div title="${value}">` and `{{value}}` cannot be broken out of either.
import { purify_fragment } from "../../ui/markdown/sanitize";

const VOID = new Set([
  "area",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "source",
  "track",
  "wbr",
]);

const ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
  $: "&#36;",
  "\\": "&#92;",
  "\u00a0": "&nbsp;",
};

function escape(text: string): string {
  return text.replace(/[&<>"'`$\\\u00a0]/g, (char) => ENTITY[char] ?? char);
}

function serialize(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return escape(node.textContent ?? "");
  if (!(node instanceof Element)) return "";
  const tag = node.localName;
  const attributes = [...node.attributes].map((a) => ` ${a.name}="${escape(a.value)}"`).join("");
  if (VOID.has(tag)) return `<${tag}${attributes}>`;
  return `<${tag}${attributes}>${[...node.childNodes].map(serialize).join("")}</${tag}>`;
}

/**
 * Cleaned HTML that Handlebars inserts as is (it calls `toHTML`), so `{{value}}` does not
 * escape the entities a second time.
 */
export class CleanHtml {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
  toHTML(): string {
    return this.html;
  }
  toString(): string {
    return this.html;
  }
}

/**
 * `value` with every string in it sanitised and escaped as described above; with
 * `for_handlebars`, non-empty strings become `CleanHtml` (an empty one stays falsy for `{{#if}}`).
 */
export function clean_untrusted(value: unknown, for_handlebars = false): unknown {
  if (typeof value === "string") {
    const html = [...purify_fragment(value).childNodes].map(serialize).join("");
    return for_handlebars && html !== "" ? new CleanHtml(html) : html;
  }
  if (Array.isArray(value)) return value.map((item) => clean_untrusted(item, for_handlebars));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, clean_untrusted(item, for_handlebars)]),
    );
  }
  return value;
}
