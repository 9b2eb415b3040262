// Reads the Markdown props from the wire into the render options.
import { read_bool, type JsonRecord } from "../../runtime/guards";
import { DEFAULT_LATEX_DELIMITERS, type LatexDelimiter } from "./math_extension";
import type { RenderOptions } from "./markdown_view";

function read_delimiters(raw: unknown): readonly LatexDelimiter[] {
  if (!Array.isArray(raw)) return DEFAULT_LATEX_DELIMITERS;
  const delimiters: LatexDelimiter[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const { left, right, display } = item as Record<string, unknown>;
    if (typeof left === "string" && typeof right === "string" && left !== "" && right !== "") {
      delimiters.push({ left, right, display: display === true });
    }
  }
  return delimiters;
}

/** The render options a component's props ask for (Gradio's defaults where unset). */
export function read_render_options(props: JsonRecord): RenderOptions {
  return {
    line_breaks: read_bool(props, "line_breaks", false),
    latex_delimiters: read_delimiters(props["latex_delimiters"]),
    sanitize: read_bool(props, "sanitize_html", true),
    header_links: read_bool(props, "header_links", false),
  };
}
