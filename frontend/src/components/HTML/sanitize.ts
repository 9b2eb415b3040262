// An allowlist HTML sanitizer on the browser's own parser (inert <template>).
// Kept: formatting, tables, lists, images, links, media, simple SVG shapes.
// Removed: script-capable elements, on* handlers, javascript:/vbscript:/data: URLs
// (data:image/* stays for <img src>), srcdoc, form targets, <style>/<link>/<meta>.

/** Removed together with their content. */
const DROP = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "link",
  "meta",
  "base",
  "template",
  "noscript",
  "noembed",
  "noframes",
  "title",
  "textarea",
  "select",
  "option",
  "xmp",
  "plaintext",
  "math",
  "foreignobject",
  "use",
  "animate",
  "animatemotion",
  "animatetransform",
  "set",
  "handler",
  "listener",
  "portal",
  "param",
]);

/** Kept as elements; anything else not in DROP is unwrapped (its children stay). */
const ALLOWED = new Set([
  "a",
  "abbr",
  "address",
  "article",
  "aside",
  "audio",
  "b",
  "bdi",
  "bdo",
  "blockquote",
  "br",
  "button",
  "caption",
  "center",
  "cite",
  "code",
  "col",
  "colgroup",
  "data",
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
  "font",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "i",
  "img",
  "ins",
  "kbd",
  "label",
  "li",
  "main",
  "mark",
  "meter",
  "nav",
  "ol",
  "p",
  "picture",
  "pre",
  "progress",
  "q",
  "rp",
  "rt",
  "ruby",
  "s",
  "samp",
  "section",
  "small",
  "source",
  "span",
  "strike",
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
  "tt",
  "u",
  "ul",
  "var",
  "video",
  "wbr",
  "svg",
  "g",
  "path",
  "circle",
  "ellipse",
  "line",
  "polyline",
  "polygon",
  "rect",
  "text",
  "tspan",
  "defs",
  "lineargradient",
  "radialgradient",
  "stop",
  "clippath",
  "mask",
  "pattern",
]);

const URL_ATTRS = new Set([
  "href",
  "src",
  "xlink:href",
  "poster",
  "cite",
  "background",
  "longdesc",
  "action",
]);
const BANNED_ATTRS = new Set([
  "srcdoc",
  "formaction",
  "action",
  "is",
  "ping",
  "style-src",
  "xmlns:xlink",
]);
const SAFE_DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|avif|bmp|x-icon);/i;

/** Compacts a URL as browsers read it (control characters and whitespace ignored). */
function compact_url(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
}

export function is_safe_url(url: string, allow_data_image: boolean): boolean {
  const compact = compact_url(url);
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact);
  if (!scheme) return true;
  if (
    scheme[1] === "http" ||
    scheme[1] === "https" ||
    scheme[1] === "mailto" ||
    scheme[1] === "tel"
  ) {
    return true;
  }
  return allow_data_image && SAFE_DATA_IMAGE.test(compact);
}

function is_safe_srcset(srcset: string): boolean {
  return srcset
    .split(",")
    .every((candidate) => is_safe_url(candidate.trim().split(/\s+/)[0] ?? "", true));
}

function clean_attributes(element: Element, tag: string): void {
  for (const attr of Array.from(element.attributes)) {
    const name = attr.name.toLowerCase();
    const remove =
      name.startsWith("on") ||
      BANNED_ATTRS.has(name) ||
      (URL_ATTRS.has(name) && !is_safe_url(attr.value, tag === "img" || tag === "source")) ||
      (name === "srcset" && !is_safe_srcset(attr.value)) ||
      ((name === "style" || name === "xlink:href") &&
        /expression\(|javascript:|behavior:/i.test(compact_url(attr.value)));
    if (remove) element.removeAttributeNode(attr);
  }
  if (tag === "a" && element.getAttribute("target")) {
    element.setAttribute("rel", "noopener noreferrer");
  }
  if (tag === "button") element.setAttribute("type", "button");
}

function clean_children(parent: ParentNode): void {
  for (const node of Array.from(parent.childNodes)) {
    if (node.nodeType === Node.COMMENT_NODE || node.nodeType === Node.PROCESSING_INSTRUCTION_NODE) {
      node.remove();
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const element = node as Element;
    const tag = element.localName.toLowerCase();
    if (DROP.has(tag)) {
      element.remove();
      continue;
    }
    clean_children(element);
    if (ALLOWED.has(tag)) clean_attributes(element, tag);
    else element.replaceWith(...Array.from(element.childNodes));
  }
}

/** Parses and cleans `html`; the fragment is safe to insert into the page. */
export function sanitize_html(html: string): DocumentFragment {
  const template = document.createElement("template");
  template.innerHTML = html;
  clean_children(template.content);
  return template.content;
}

/** The sanitized markup as a string (for tests and for places that need text). */
export function sanitize_html_to_string(html: string): string {
  const holder = document.createElement("div");
  holder.append(sanitize_html(html));
  return holder.innerHTML;
}
