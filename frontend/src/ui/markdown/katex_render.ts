// KaTeX, in its own chunk: fetched the first time a document has math.
import katex from "katex";
import "katex/dist/katex.min.css";
import { MATH_CLASS } from "./math_extension";

/** Replaces each placeholder's TeX source with its typeset form. */
export function render_math(elements: readonly HTMLElement[], done_class: string): void {
  for (const element of elements) {
    const tex = element.textContent;
    // trust: false refuses \href{javascript:…}, \htmlData and friends in untrusted TeX.
    katex.render(tex, element, {
      displayMode: element.classList.contains(`${MATH_CLASS}-display`),
      throwOnError: false,
      trust: false,
      output: "htmlAndMathml",
    });
    element.classList.add(done_class);
  }
}
