// The parts of a long document not rendered yet: each waits in a placeholder sized from
// its source, so the whole document is laid out at its (estimated) length at once. A part
// is rendered when it comes near the viewport, and the rest in the tasks after the first
// frame (one frame apart, input first), a few per task, so every block arrives without a
// long task.
import { schedule } from "./tasks";

/** Work per task: one part takes ~10 ms on the benchmark machine (warm). */
const TASK_BUDGET_MS = 12;
/** How far outside the viewport a part is rendered ahead of being scrolled to. */
const AHEAD = "100% 0px";

/** A part of the source, `[start, end)`, shown in `element`. */
export interface Part {
  start: number;
  end: number;
  element: HTMLElement;
}

/** Renders parts near the viewport first, then all the others in document order. */
export class DeferredParts {
  readonly #pending: Part[];
  readonly #render: (part: Part) => void;
  readonly #done: () => void;
  readonly #observer: IntersectionObserver | null = null;
  #cancel: (() => void) | null = null;
  #finished = false;

  constructor(parts: Part[], render: (part: Part) => void, done: () => void) {
    this.#pending = [...parts];
    this.#render = render;
    this.#done = done;
    if (typeof IntersectionObserver === "function") {
      this.#observer = new IntersectionObserver((entries) => this.#near(entries), {
        rootMargin: AHEAD,
      });
      for (const part of parts) this.#observer.observe(part.element);
    }
    this.#schedule();
  }

  /** Whether every part is rendered (or the parts were dropped). */
  get done(): boolean {
    return this.#pending.length === 0;
  }

  /** Renders nothing more. */
  stop(): void {
    this.#finished = true;
    this.#observer?.disconnect();
    this.#cancel?.();
    this.#cancel = null;
    this.#pending.length = 0;
  }

  #near(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const index = this.#pending.findIndex((part) => part.element === entry.target);
      if (index >= 0) this.#show(index);
    }
    this.#finish_if_done();
  }

  #show(index: number): void {
    const [part] = this.#pending.splice(index, 1);
    if (part === undefined) return;
    this.#observer?.unobserve(part.element);
    this.#render(part);
  }

  #schedule(): void {
    // Before highlighting (background): the text first, so all of it is soon in the DOM.
    this.#cancel = schedule(() => this.#next(), true, "user-visible");
  }

  #next(): void {
    this.#cancel = null;
    const started = performance.now();
    while (this.#pending.length > 0 && performance.now() - started < TASK_BUDGET_MS) {
      this.#show(0);
    }
    if (this.#pending.length > 0) this.#schedule();
    this.#finish_if_done();
  }

  #finish_if_done(): void {
    if (this.#pending.length > 0 || this.#finished) return;
    this.#finished = true;
    this.#observer?.disconnect();
    this.#cancel?.();
    this.#cancel = null;
    this.#done();
  }
}
