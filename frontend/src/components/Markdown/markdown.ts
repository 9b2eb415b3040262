// A small, safe Markdown renderer: all text is escaped first, so no raw HTML passes
// through; links and images keep only http(s), mailto and relative URLs.

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escape_html(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function unescape_html(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** True for URLs that cannot run script: http(s), mailto, or scheme-less (relative). */
export function is_safe_url(url: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme.
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact);
  if (!scheme) return !compact.startsWith("\\");
  return scheme[1] === "http" || scheme[1] === "https" || scheme[1] === "mailto";
}

/** Inline markup on already-escaped text. */
function render_inline(escaped: string): string {
  const tokens: string[] = [];
  const stash = (html: string): string => `\u0000${tokens.push(html) - 1}\u0000`;
  let text = escaped.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, code: string) =>
    stash(`<code>${code.trim()}</code>`),
  );
  const link = (alt_or_text: string, raw_url: string, is_image: boolean): string => {
    const url = unescape_html(raw_url.trim().replace(/^&lt;(.*)&gt;$/, "$1"));
    if (!is_safe_url(url)) return is_image ? alt_or_text : render_inline_simple(alt_or_text);
    const href = escape_html(url);
    if (is_image) return stash(`<img src="${href}" alt="${alt_or_text}" loading="lazy">`);
    const external = /^(https?:)?\/\//i.test(url);
    const rel = external ? ' target="_blank" rel="noopener noreferrer"' : "";
    return stash(`<a href="${href}"${rel}>${render_inline_simple(alt_or_text)}</a>`);
  };
  text = text.replace(
    /!\[([^\]]*)\]\(([^)\s]*)(?:\s+&quot;[^)]*&quot;)?\)/g,
    (_m, alt: string, url: string) => link(alt, url, true),
  );
  text = text.replace(
    /\[([^\]]+)\]\(([^)\s]*)(?:\s+&quot;[^)]*&quot;)?\)/g,
    (_m, label: string, url: string) => link(label, url, false),
  );
  text = text.replace(/&lt;((?:https?:\/\/|mailto:)[^\s&]+)&gt;/gi, (_m, url: string) =>
    link(url, url, false),
  );
  text = render_inline_simple(text);
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0000(\d+)\u0000/g, (_m, index: string) => tokens[Number(index)] ?? "");
}

/** Emphasis, strike-through and hard breaks (no links). */
function render_inline_simple(text: string): string {
  return text
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/__(?=\S)([\s\S]*?\S)__/g, "<strong>$1</strong>")
    .replace(/\*(?=\S)([\s\S]*?\S)\*/g, "<em>$1</em>")
    .replace(/(^|[^\w])_(?=\S)([\s\S]*?\S)_(?!\w)/g, "$1<em>$2</em>")
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "<del>$1</del>")
    .replace(/(?: {2,}|\\)\n/g, "<br>\n");
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^ {0,3}&gt; ?(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function is_block_start(line: string): boolean {
  return (
    FENCE.test(line) ||
    HEADING.test(line) ||
    RULE.test(line) ||
    QUOTE.test(line) ||
    LIST_ITEM.test(line)
  );
}

function split_row(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((cell) => cell.trim());
}

interface Options {
  line_breaks: boolean;
}

function render_list(
  lines: string[],
  start: number,
  options: Options,
  depth: number,
): [string, number] {
  const first = LIST_ITEM.exec(lines[start] ?? "");
  if (!first) return ["", start];
  const indent = (first[1] ?? "").length;
  const ordered = /\d/.test(first[2] ?? "");
  const items: string[] = [];
  let i = start;
  while (i < lines.length) {
    const match = LIST_ITEM.exec(lines[i] ?? "");
    if (!match || (match[1] ?? "").length !== indent || /\d/.test(match[2] ?? "") !== ordered)
      break;
    const body = [match[3] ?? ""];
    i++;
    while (i < lines.length) {
      const line = lines[i] ?? "";
      const nested = LIST_ITEM.exec(line);
      if (line.trim() === "" || (nested && (nested[1] ?? "").length <= indent)) break;
      if (!nested && !/^\s/.test(line) && is_block_start(line)) break;
      body.push(line.slice(Math.min(line.search(/\S/), indent + 2)));
      i++;
    }
    const [first_line, ...rest] = body;
    const inner = rest.length > 0 ? render_blocks(rest, options, depth + 1) : "";
    items.push(`<li>${render_inline(first_line ?? "")}${inner ? `\n${inner}` : ""}</li>`);
  }
  const start_attr =
    ordered && first[2] && parseInt(first[2], 10) !== 1 ? ` start="${parseInt(first[2], 10)}"` : "";
  const tag = ordered ? "ol" : "ul";
  return [`<${tag}${start_attr}>\n${items.join("\n")}\n</${tag}>`, i];
}

function render_blocks(lines: string[], options: Options, depth: number): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? "```";
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? "").trim().startsWith(marker))
        body.push(lines[i++] ?? "");
      i++;
      const lang = fence[2] ? ` class="language-${fence[2]}"` : "";
      out.push(`<pre><code${lang}>${body.join("\n")}</code></pre>`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1] ?? "#").length;
      out.push(`<h${level}>${render_inline(heading[2] ?? "")}</h${level}>`);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push("<hr>");
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < 8) {
      const body: string[] = [];
      let quote: RegExpExecArray | null;
      while (i < lines.length && (quote = QUOTE.exec(lines[i] ?? ""))) {
        body.push(quote[1] ?? "");
        i++;
      }
      out.push(`<blockquote>\n${render_blocks(body, options, depth + 1)}\n</blockquote>`);
      continue;
    }
    if (LIST_ITEM.test(line) && depth < 8) {
      const [html, next] = render_list(lines, i, options, depth);
      out.push(html);
      i = next;
      continue;
    }
    const next_line = lines[i + 1];
    if (
      line.includes("|") &&
      next_line !== undefined &&
      TABLE_RULE.test(next_line) &&
      next_line.includes("-")
    ) {
      const head = split_row(line).map((cell) => `<th>${render_inline(cell)}</th>`);
      const rows: string[] = [];
      i += 2;
      while (i < lines.length && (lines[i] ?? "").includes("|") && (lines[i] ?? "").trim() !== "") {
        rows.push(
          `<tr>${split_row(lines[i] ?? "")
            .map((cell) => `<td>${render_inline(cell)}</td>`)
            .join("")}</tr>`,
        );
        i++;
      }
      out.push(
        `<table>\n<thead><tr>${head.join("")}</tr></thead>\n<tbody>${rows.join("\n")}</tbody>\n</table>`,
      );
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? "").trim() !== "" &&
      (paragraph.length === 0 || !is_block_start(lines[i] ?? ""))
    ) {
      paragraph.push(lines[i++] ?? "");
    }
    const text = paragraph.join("\n");
    const html = render_inline(options.line_breaks ? text.replace(/\n/g, "  \n") : text);
    out.push(`<p>${html}</p>`);
  }
  return out.join("\n");
}

/** Renders Markdown to HTML that contains only the tags this renderer writes. */
export function render_markdown(source: string, options: Partial<Options> = {}): string {
  // eslint-disable-next-line no-control-regex
  const escaped = escape_html(source.replace(/\u0000/g, "").replace(/\r\n?/g, "\n"));
  return render_blocks(escaped.split("\n"), { line_breaks: options.line_breaks ?? false }, 0);
}
