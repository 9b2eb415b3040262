// Render timings for benchmarks/bench_markdown.py. Off unless the page sets
// `window.__gradiate_profile = true` before the app starts, so a long chat session does
// not fill the performance timeline with thousands of entries.
import type { MarkdownView } from "./markdown_view";

declare global {
  interface Window {
    __gradiate_profile?: boolean;
  }
}

/**
 * `view.update(source)`, measured as `gradiate:markdown` (the synchronous part),
 * `gradiate:markdown-complete` (all slices shown) and `gradiate:markdown-enhanced`
 * (math and code rendered too) when profiling is on.
 */
export function update_view(view: MarkdownView, source: string): void {
  if (window.__gradiate_profile !== true) {
    view.update(source);
    return;
  }
  const start = performance.now();
  view.update(source);
  performance.measure("gradiate:markdown", { start, end: performance.now() });
  void view.complete
    .then(() => {
      performance.measure("gradiate:markdown-complete", { start, end: performance.now() });
      return view.enhanced;
    })
    .then(() => {
      performance.measure("gradiate:markdown-enhanced", { start, end: performance.now() });
    });
}
