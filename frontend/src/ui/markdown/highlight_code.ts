// highlight.js core with the common languages, in its own chunk: fetched the first time a
// document has a fenced code block with a language. Unknown languages stay plain.
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import css from "highlight.js/lib/languages/css";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import markdown from "highlight.js/lib/languages/markdown";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import "./highlight.css";
import { run_in_tasks } from "./tasks";

const LANGUAGES = {
  bash,
  c,
  cpp,
  css,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/** Highlights each `<code class="language-x">` whose language is known, a few per task. */
export function highlight_code(
  elements: readonly HTMLElement[],
  done_class: string,
): Promise<void> {
  for (const element of elements) element.classList.add(done_class);
  return run_in_tasks(elements, (element) => {
    const language = /\blanguage-([\w+#-]+)/.exec(element.className)?.[1];
    if (language === undefined || hljs.getLanguage(language) === undefined) return;
    // highlight() escapes the text and adds only its own <span class="hljs-…">.
    element.innerHTML = hljs.highlight(element.textContent, { language }).value;
    element.classList.add("hljs");
  });
}
