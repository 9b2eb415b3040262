import { describe, expect, it } from "vitest";
import { CHUNK_CLASS, MarkdownView, type RenderOptions } from "./markdown_view";
import { enhance } from "./enhance";
import { MarkdownParser } from "./parser";
import { DEFAULT_LATEX_DELIMITERS } from "./math_extension";

const DEFAULTS: RenderOptions = {
  line_breaks: false,
  latex_delimiters: DEFAULT_LATEX_DELIMITERS,
  sanitize: true,
  header_links: false,
};

function show(source: string, options: Partial<RenderOptions> = {}): HTMLDivElement {
  const root = document.createElement("div");
  new MarkdownView(root, { ...DEFAULTS, ...options }).update(source);
  return root;
}

async function show_enhanced(source: string): Promise<HTMLDivElement> {
  const root = document.createElement("div");
  const view = new MarkdownView(root, DEFAULTS);
  view.update(source);
  await view.enhanced;
  return root;
}

describe("Markdown rendering (CommonMark + GFM)", () => {
  it("nests an image inside a link without placeholder debris", () => {
    const root = show("[![badge](https://img.example/b.png)](https://example.com)");
    const link = root.querySelector("a");
    expect(link?.getAttribute("href")).toBe("https://example.com");
    expect(link?.querySelector("img")?.getAttribute("src")).toBe("https://img.example/b.png");
    expect(root.textContent).not.toContain("\u0000");
  });

  it("keeps numbering of a list across a blank line", () => {
    const root = show("1. one\n\n2. two\n\n3. three");
    expect(root.querySelectorAll("ol").length).toBe(1);
    expect(root.querySelectorAll("ol > li").length).toBe(3);
  });

  it("closes a fence only on a fence at least as long", () => {
    const root = show("````md\n```py\nx = 1\n```\n````\n\nafter");
    expect(root.querySelectorAll("pre").length).toBe(1);
    expect(root.querySelector("pre code")?.textContent).toBe("```py\nx = 1\n```\n");
    expect(root.querySelector("p")?.textContent).toBe("after");
  });

  it("keeps a URL that contains parentheses", () => {
    const root = show("[wiki](https://en.wikipedia.org/wiki/Foo_(bar))");
    expect(root.querySelector("a")?.getAttribute("href")).toBe(
      "https://en.wikipedia.org/wiki/Foo_(bar)",
    );
  });

  it("decodes entities once", () => {
    const root = show("AT&amp;T &copy; &lt;b&gt; & `&amp;`");
    expect(root.querySelector("p")?.textContent).toBe("AT&T © <b> & &amp;");
  });

  it("renders setext headings", () => {
    const root = show("Title\n=====\n\nSub\n---");
    expect(root.querySelector("h1")?.textContent).toBe("Title");
    expect(root.querySelector("h2")?.textContent).toBe("Sub");
  });

  it("resolves reference links", () => {
    const root = show("See [the docs][docs].\n\n[docs]: https://example.com/docs");
    expect(root.querySelector("a")?.getAttribute("href")).toBe("https://example.com/docs");
  });

  it("links bare URLs and <autolinks>", () => {
    const root = show("Go to https://example.com or <https://auto.example> or www.example.org");
    expect([...root.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual([
      "https://example.com",
      "https://auto.example",
      "http://www.example.org",
    ]);
  });

  it("renders task lists as disabled checkboxes", () => {
    const root = show("- [x] done\n- [ ] todo");
    const boxes = [...root.querySelectorAll<HTMLInputElement>("li input[type=checkbox]")];
    expect(boxes.map((box) => box.checked)).toEqual([true, false]);
    expect(boxes.every((box) => box.disabled)).toBe(true);
  });

  it("renders tables and strikethrough", () => {
    const root = show("| a | b |\n|:-:|---|\n| 1 | ~~2~~ |");
    expect(root.querySelector("th")?.getAttribute("align")).toBe("center");
    expect(root.querySelector("td del")?.textContent).toBe("2");
  });

  it("honours line_breaks", () => {
    expect(show("a\nb", { line_breaks: true }).querySelector("br")).not.toBeNull();
    expect(show("a\nb").querySelector("br")).toBeNull();
  });

  it("adds heading anchors with header_links, unique per document", () => {
    const root = show("# Intro\n\n## Intro\n\n[jump](#intro)", { header_links: true });
    const ids = [...root.querySelectorAll("h1, h2")].map((h) => h.id);
    expect(ids).toEqual(["user-content-intro", "user-content-intro-1"]);
    expect(root.querySelector("h1 a.md-header-anchor")?.getAttribute("href")).toBe(
      "#user-content-intro",
    );
    expect(root.querySelector("p a")?.getAttribute("href")).toBe("#user-content-intro");
  });
});

describe("LaTeX and code", () => {
  it("typesets math between Gradio's default $$ delimiters with KaTeX", async () => {
    const root = await show_enhanced("Euler: $$e^{i\\pi} + 1 = 0$$ and a_b_c stays");
    expect(root.querySelector(".md-math .katex")).not.toBeNull();
    expect(root.querySelector("annotation")?.textContent).toBe("e^{i\\pi} + 1 = 0");
    expect(root.querySelector("em")).toBeNull();
  });

  it("typesets a display block and custom delimiters", async () => {
    const root = document.createElement("div");
    const view = new MarkdownView(root, {
      ...DEFAULTS,
      latex_delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
    });
    view.update("$$\n\\frac{a}{b}\n$$\n\ncosts $5 and $6, but $x_1$ is math");
    await view.enhanced;
    expect(root.querySelector(".md-math-display .katex-display")).not.toBeNull();
    expect(root.querySelectorAll(".md-math-inline .katex").length).toBe(1);
    expect(root.textContent).toContain("costs $5 and $6");
  });

  it("highlights fenced code with a known language and leaves others plain", async () => {
    const root = await show_enhanced(
      "```python\ndef f(x):\n    return 1\n```\n\n```nolang\nplain\n```",
    );
    const [python, plain] = [...root.querySelectorAll("pre code")];
    expect(python?.querySelector(".hljs-keyword")?.textContent).toBe("def");
    expect(python?.textContent).toBe("def f(x):\n    return 1\n");
    expect(plain?.querySelector("span")).toBeNull();
  });

  it("escapes HTML inside code", async () => {
    const root = await show_enhanced("```html\n<img src=x onerror=alert(1)>\n```");
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector("code")?.textContent).toBe("<img src=x onerror=alert(1)>\n");
  });
});

describe("links in Markdown without raw HTML (checked without a full sanitise)", () => {
  it.each([
    "[x](javascript:window.__pwned=1)",
    "[x](JaVaScRiPt:window.__pwned=1)",
    "[x](jav&#x09;ascript:window.__pwned=1)",
    "[x](data:text/html,<script>window.__pwned=1</script>)",
    "[x](vbscript:msgbox)",
    "![x](javascript:window.__pwned=1)",
    "[x][r]\n\n[r]: javascript:window.__pwned=1",
  ])("drops the unsafe URL of %s", (source) => {
    const root = show(source);
    const element = root.querySelector("a, img");
    expect(element).not.toBeNull();
    expect(element?.hasAttribute("href")).toBe(false);
    expect(element?.hasAttribute("src")).toBe(false);
  });

  it("keeps safe URLs, with rel and a new tab for other origins", () => {
    const root = show(
      "[out](https://other.example/a) [in](/docs) ![i](data:image/png;base64,AA==)",
    );
    const [out, local] = [...root.querySelectorAll("a")];
    expect(out?.getAttribute("rel")).toBe("noopener noreferrer");
    expect(out?.getAttribute("target")).toBe("_blank");
    expect(local?.getAttribute("href")).toBe("/docs");
    expect(local?.hasAttribute("target")).toBe(false);
    expect(root.querySelector("img")?.getAttribute("src")).toBe("data:image/png;base64,AA==");
  });

  it("escapes what looks like markup in text, titles and code languages", () => {
    const root = show(
      '[x](/a "t\\" onmouseover=\\"1") &lt;b onclick=1&gt;\n\n```"><img src=x onerror=1>\nc\n```',
    );
    for (const element of root.querySelectorAll("*")) {
      expect(element.getAttributeNames().filter((name) => name.startsWith("on"))).toEqual([]);
    }
    expect(root.querySelector("img, b")).toBeNull();
  });
});

describe("raw HTML in Markdown", () => {
  it("keeps safe inline HTML, as Gradio does", () => {
    const root = show("Press <kbd>Ctrl</kbd> and <b>bold</b><br>next");
    expect(root.querySelector("kbd")?.textContent).toBe("Ctrl");
    expect(root.querySelector("b")).not.toBeNull();
  });

  it("removes script-capable HTML when sanitize_html is on", () => {
    const root = show('<img src=x onerror="window.__pwned=1"><script>1</script>');
    expect(root.querySelector("img")?.getAttribute("onerror")).toBeNull();
    expect(root.querySelector("script")).toBeNull();
  });

  it("lets the app author's HTML through with sanitize_html=False", () => {
    const root = show('<div style="position: fixed" id="mine">x</div>', { sanitize: false });
    const div = root.querySelector("div");
    expect(div?.id).toBe("mine");
    expect(div?.getAttribute("style")).toBe("position: fixed");
  });
});

describe("streaming", () => {
  const CHUNK = "Some **text** with a [link](https://example.com) and `code`.\n\n";

  function document_of(blocks: number): string {
    const parts: string[] = [];
    for (let index = 0; index < blocks; index++) {
      parts.push(
        index % 5 === 0
          ? `## Part ${index}\n\n`
          : index % 5 === 1
            ? `- a\n- b ${index}\n\n`
            : CHUNK,
        index % 7 === 3 ? "```py\nx = 1\n\ny = 2\n```\n\n" : "",
      );
    }
    return parts.join("");
  }

  it("lexes a linear amount of text for 1000 appended tokens", () => {
    // Unsanitised: jsdom's DOMPurify costs ~10 ms a call, and lexing is what is counted here.
    const options = { ...DEFAULTS, sanitize: false };
    const full = document_of(120);
    const root = document.createElement("div");
    const view = new MarkdownView(root, options);
    const step = Math.floor(full.length / 1000);
    let updates = 0;
    for (let end = step; end < full.length; end += step) {
      view.update(full.slice(0, end));
      updates++;
    }
    view.update(full);
    expect(updates).toBeGreaterThanOrEqual(1000);
    // Re-parsing from the start each time would lex ~updates * length / 2 characters.
    expect(view.lexed_chars).toBeLessThan(full.length * 20);
    expect(view.lexed_chars).toBeLessThan((updates * full.length) / 20);
    const whole = document.createElement("div");
    whole.innerHTML = new MarkdownParser(options).to_html(full);
    expect(root.innerHTML).toBe(whole.innerHTML);
  }, 60_000);

  it("matches a full render at every prefix of a tricky document", () => {
    const full = [
      "Title\n",
      "=====\n\n",
      "1. one\n\n",
      "2. two\n",
      "   continued\n\n",
      "```js\nlet a;\n\n\nlet b;\n```\n\n",
      "> quote\nlazy\n\n",
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
      "See [ref][r] and $$x_1$$.\n\n",
      "[r]: https://example.com\n",
      "tail *em*",
    ].join("");
    const root = document.createElement("div");
    const options = { ...DEFAULTS, sanitize: false, header_links: true };
    const view = new MarkdownView(root, options);
    for (let end = 1; end <= full.length; end++) {
      view.update(full.slice(0, end));
      expect(root.innerHTML).toBe(show(full.slice(0, end), options).innerHTML);
    }
  }, 60_000);

  it("renders from scratch when the new value does not extend the old one", () => {
    const root = document.createElement("div");
    const view = new MarkdownView(root, DEFAULTS);
    view.update("# one\n\ntext");
    view.update("# two");
    expect(root.innerHTML).toBe("<h1>two</h1>\n");
  });

  it("shows a long document in slices that end as the one-piece render", async () => {
    const options = { ...DEFAULTS, sanitize: false };
    // With a reference definition the document is shown in slices, in order, not in parts.
    const full = `${document_of(900)}[r]: https://example.com\n`;
    expect(full.length).toBeGreaterThan(40_000);
    const root = document.createElement("div");
    const view = new MarkdownView(root, options);
    view.update(full);
    const first_slice = root.textContent.length;
    expect(first_slice).toBeGreaterThan(0);
    expect(first_slice).toBeLessThan(full.length / 3);
    await view.complete;
    const whole = document.createElement("div");
    whole.innerHTML = new MarkdownParser(options).to_html(full);
    await Promise.all([enhance(whole), view.enhanced]);
    // The later slices are wrapped in chunks; their blocks are the one-piece render's.
    const chunks = [...root.querySelectorAll(`:scope > .${CHUNK_CLASS}`)];
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) chunk.replaceWith(...chunk.childNodes);
    expect(root.innerHTML).toBe(whole.innerHTML);
  }, 60_000);

  it("lays a long document out whole at once, its later parts filling in", async () => {
    const options = { ...DEFAULTS, sanitize: false };
    const full = document_of(900);
    const root = document.createElement("div");
    const view = new MarkdownView(root, options);
    view.update(full);
    // The first part and the last are rendered; each between waits in a sized placeholder.
    const placeholders = [...root.querySelectorAll<HTMLElement>(`.${CHUNK_CLASS}:empty`)];
    expect(placeholders.length).toBeGreaterThan(1);
    for (const placeholder of placeholders) {
      expect(Number(placeholder.style.getPropertyValue("--md-chunk-blocks"))).toBeGreaterThan(0);
    }
    expect(root.textContent.length).toBeLessThan(full.length / 3);
    expect(root.querySelector("h2")?.textContent).toBe("Part 0");
    await view.laid_out;
    await view.complete;
    expect(root.querySelectorAll(`.${CHUNK_CLASS}:empty`)).toHaveLength(0);
    expect(view.lexed_chars).toBe(full.length);
    // A streamed append re-renders only the end.
    view.update(`${full}more *text*`);
    expect(view.lexed_chars).toBeLessThan(full.length + 1000);
    await view.complete;
    const whole = document.createElement("div");
    whole.innerHTML = new MarkdownParser(options).to_html(`${full}more *text*`);
    await Promise.all([enhance(whole), view.enhanced]);
    for (const chunk of root.querySelectorAll(`:scope > .${CHUNK_CLASS}`)) {
      chunk.replaceWith(...chunk.childNodes);
    }
    expect(root.innerHTML).toBe(whole.innerHTML);
  }, 60_000);

  it("renders a long document in parts as in one piece, whatever its fences hold", async () => {
    const tricky = [
      "## Fences\n\n",
      "````md\n\n# not a heading\n\n```\n\n# still code\n````\n\n",
      "~~~\n\n# tilde code\n\n```\n~~~\n\n",
      "``` js `x` is not a fence\n\n# a heading\n\n",
      "- item\n\n  ```\n  in the item\n\n# ends the item\n\n",
      "    # indented code\n\n",
      "Setext\n------\n\n",
    ].join("");
    const full = tricky.repeat(200);
    const options = { ...DEFAULTS, sanitize: false };
    const root = document.createElement("div");
    const view = new MarkdownView(root, options);
    view.update(full);
    expect(root.querySelectorAll(`.${CHUNK_CLASS}:empty`).length).toBeGreaterThan(1);
    await view.complete;
    const whole = document.createElement("div");
    whole.innerHTML = new MarkdownParser(options).to_html(full);
    await Promise.all([enhance(whole), view.enhanced]);
    for (const chunk of root.querySelectorAll(`:scope > .${CHUNK_CLASS}`)) {
      chunk.replaceWith(...chunk.childNodes);
    }
    expect(root.innerHTML).toBe(whole.innerHTML);
  }, 60_000);

  it("ends as the one-piece render when the value changes while parts are pending", async () => {
    const options = { ...DEFAULTS, sanitize: false };
    const root = document.createElement("div");
    const view = new MarkdownView(root, options);
    const first = document_of(900);
    view.update(first);
    // Appended to before its parts are rendered, then replaced by another long document.
    view.update(`${first}- appended item`);
    const second = document_of(700).replaceAll("Part", "Chapter");
    view.update(second);
    expect(root.querySelectorAll(`.${CHUNK_CLASS}:empty`).length).toBeGreaterThan(1);
    view.update(`${second}tail *text*`);
    await view.complete;
    const whole = document.createElement("div");
    whole.innerHTML = new MarkdownParser(options).to_html(`${second}tail *text*`);
    await Promise.all([enhance(whole), view.enhanced]);
    for (const chunk of root.querySelectorAll(`:scope > .${CHUNK_CLASS}`)) {
      chunk.replaceWith(...chunk.childNodes);
    }
    expect(root.innerHTML).toBe(whole.innerHTML);
  }, 60_000);

  it("renders a document in parts anew when an append defines a reference", async () => {
    const full = `See [the docs][docs].\n\n${document_of(900)}`;
    const root = document.createElement("div");
    const view = new MarkdownView(root, DEFAULTS);
    view.update(full);
    expect(root.querySelectorAll(`.${CHUNK_CLASS}:empty`).length).toBeGreaterThan(1);
    view.update(`${full}[docs]: https://example.com/docs\n`);
    await view.complete;
    expect(root.querySelector("a")?.getAttribute("href")).toBe("https://example.com/docs");
  }, 60_000);

  it("re-renders a streamed append after slicing without leaving empty chunks", async () => {
    const full = document_of(900);
    const root = document.createElement("div");
    const view = new MarkdownView(root, DEFAULTS);
    view.update(full);
    await view.complete;
    view.update(`${full}\n\nthe end`);
    await view.complete;
    expect(root.querySelectorAll(`.${CHUNK_CLASS}:empty`)).toHaveLength(0);
    expect(root.lastElementChild?.textContent).toBe("the end");
    view.update("# two");
    expect(root.innerHTML).toBe("<h1>two</h1>\n");
  }, 60_000);
});
