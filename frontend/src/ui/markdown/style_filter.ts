// Keeps the harmless part of an untrusted `style` attribute.
// Gradio keeps `style` as written; that lets a message cover the page with a fixed overlay
// (a fake login box, a fake "approve" button). Here only an allow-list of typographic and
// box properties survives; positioning, stacking, transforms, filters and every value that
// can load a resource (`url()`, `image-set()`) are dropped.

const ALLOWED_PROPERTY =
  /^(?:color|background-color|opacity|font-(?:weight|style|size|family|variant)|text-(?:align|decoration(?:-[a-z]+)?|transform|indent)|vertical-align|line-height|letter-spacing|word-spacing|white-space|word-break|overflow-wrap|direction|width|height|(?:max|min)-(?:width|height)|(?:padding|margin)(?:-(?:top|right|bottom|left))?|border(?:-(?:top|right|bottom|left))?(?:-(?:width|style|color))?|border-(?:top-left|top-right|bottom-left|bottom-right)-radius|border-radius|border-collapse|border-spacing|list-style-type|display|flex(?:-[a-z]+)?|gap|row-gap|column-gap|justify-content|align-items|align-self|float|clear|table-layout|caption-side|cursor)$/;

/** `display` values that cannot lift an element out of the flow. */
const ALLOWED_DISPLAY = new Set([
  "block",
  "inline",
  "inline-block",
  "flex",
  "inline-flex",
  "grid",
  "inline-grid",
  "none",
  "table",
  "table-row",
  "table-cell",
  "list-item",
]);

/** Values that load a resource, run script in old engines, or hide CSS syntax tricks. */
const UNSAFE_VALUE = /url\s*\(|image-set|image\s*\(|element\s*\(|expression|javascript:|\\|\/\*|@/i;

function is_allowed(name: string, value: string): boolean {
  if (!ALLOWED_PROPERTY.test(name) || UNSAFE_VALUE.test(value)) return false;
  if (name === "display") return ALLOWED_DISPLAY.has(value.trim().toLowerCase());
  // A negative margin pulls the element over its neighbours.
  if (name.startsWith("margin")) return !value.includes("-");
  return true;
}

/**
 * Returns the allowed declarations of `style`, normalised by the browser's CSS parser,
 * or an empty string when none is left.
 */
export function filter_style(style: string, probe: HTMLElement): string {
  probe.setAttribute("style", style);
  const kept: string[] = [];
  for (let index = 0; index < probe.style.length; index++) {
    const name = probe.style.item(index);
    const value = probe.style.getPropertyValue(name);
    if (probe.style.getPropertyPriority(name) === "" && is_allowed(name, value)) {
      kept.push(`${name}: ${value}`);
    }
  }
  probe.removeAttribute("style");
  return kept.join("; ");
}
