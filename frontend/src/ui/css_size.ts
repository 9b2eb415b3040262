// Gradio's size props: a number is pixels, a string is any CSS length.
import type { JsonRecord } from "../runtime/guards";

/** The CSS length of `raw[key]`, or null when unset. */
export function read_css_size(raw: JsonRecord, key: string): string | null {
  const value = raw[key];
  if (typeof value === "number" && Number.isFinite(value)) return `${value}px`;
  if (typeof value === "string" && value.trim() !== "") return value;
  return null;
}
