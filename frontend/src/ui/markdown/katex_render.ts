// KaTeX, in its own chunk: fetched the first time a document has math.
import katex from "katex";
import "katex/dist/katex.min.css";
import { MATH_CLASS } from "./math_extension";
import { run_in_tasks } from "./tasks";

/** Replaces each placeholder's TeX source with its typeset form, a few per task. */
export function render_math(elements: readonly HTMLElement[], done_class: string): Promise<void> {
  for (const element of elements) element.classList.add(done_class);
  return run_in_tasks(elements, (element) => {
    const tex = element.textContent;
    // trust: false refuses \href{javascript:…}, \htmlData and friends in untrusted TeX.
    katex.render(tex, element, {
      displayMode: element.classList.contains(`${MATH_CLASS}-display`),
      throwOnError: false,
      trust: false,
      output: "htmlAndMathml",
    });
  });
}
