// Render timings for benchmarks/bench_markdown.py. Off unless the page sets
// `window.__gradiate_profile = true` before the app starts, so a long chat session does
// not fill the performance timeline with thousands of entries.
import type { MarkdownView } from "./markdown_view";

declare global {
  interface Window {
    __gradiate_profile?: boolean;
  }
}

/** Settles once a frame has been drawn: a task posted from an animation frame runs after it. */
function next_frame_drawn(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}

/**
 * `view.update(source)`, measured as `gradiate:markdown` (the synchronous part),
 * `gradiate:markdown-shown` (the first frame drawn with the whole length laid out: in
 * parts, the ones not rendered yet as sized placeholders), `gradiate:markdown-complete`
 * (every block in the DOM) and `gradiate:markdown-enhanced` (math and code rendered too)
 * when profiling is on.
 */
export function update_view(view: MarkdownView, source: string): void {
  if (window.__gradiate_profile !== true) {
    view.update(source);
    return;
  }
  const start = performance.now();
  // Asked for before the update schedules its own work after that frame, so it runs first.
  const drawn = next_frame_drawn();
  view.update(source);
  performance.measure("gradiate:markdown", { start, end: performance.now() });
  let whole = false;
  const laid_out = view.laid_out.then(() => {
    whole = true;
  });
  void drawn
    .then(async () => {
      if (whole) return;
      await laid_out;
      await next_frame_drawn();
    })
    .then(() => {
      performance.measure("gradiate:markdown-shown", { start, end: performance.now() });
    });
  void view.complete
    .then(() => {
      performance.measure("gradiate:markdown-complete", { start, end: performance.now() });
      return view.enhanced;
    })
    .then(() => {
      performance.measure("gradiate:markdown-enhanced", { start, end: performance.now() });
    });
}
