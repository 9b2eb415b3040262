// Math and code highlighting, each loaded (dynamic import) only when a document needs it.
import { MATH_CLASS } from "./math_extension";

const DONE = "md-enhanced";

/** Renders the math and highlights the fenced code under `root` that is not done yet. */
export async function enhance(root: ParentNode): Promise<void> {
  // One walk of the tree for both (a long document has thousands of nodes).
  const found = root.querySelectorAll<HTMLElement>(
    `.${MATH_CLASS}:not(.${DONE}), pre > code[class*="language-"]:not(.${DONE})`,
  );
  if (found.length === 0) return;
  const math: HTMLElement[] = [];
  const code: HTMLElement[] = [];
  for (const element of found) (element.classList.contains(MATH_CLASS) ? math : code).push(element);
  const jobs: Promise<void>[] = [];
  if (math.length > 0) {
    jobs.push(import("./katex_render").then((module) => module.render_math(math, DONE)));
  }
  if (code.length > 0) {
    jobs.push(import("./highlight_code").then((module) => module.highlight_code(code, DONE)));
  }
  await Promise.all(jobs);
}
