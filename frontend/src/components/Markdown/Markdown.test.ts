import { screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Markdown from "./Index.svelte";
import { is_safe_url, render_markdown } from "./markdown";
import { fake_gradio, view } from "../../test_utils/gradio";

function dom(html: string): HTMLDivElement {
  const div = document.createElement("div");
  div.innerHTML = html;
  return div;
}

describe("render_markdown", () => {
  it("renders headings, emphasis, code, lists, links and paragraphs", () => {
    const html = render_markdown(
      [
        "# Title **bold**",
        "",
        "Some *em* and `code <b>` and ~~old~~.",
        "Next line  ",
        "after break",
        "",
        "- one",
        "- two",
        "  - nested",
        "",
        "3. c",
        "4. d",
        "",
        "```py",
        "print('<hi>')",
        "```",
        "",
        "> quoted",
        "",
        "[site](https://example.com) and [rel](/docs) and <https://auto.link>",
        "",
        "| a | b |",
        "|---|---|",
        "| 1 | 2 |",
      ].join("\n"),
    );
    const root = dom(html);
    expect(root.querySelector("h1")?.innerHTML).toBe("Title <strong>bold</strong>");
    expect(root.querySelector("em")?.textContent).toBe("em");
    expect(root.querySelector("p code")?.textContent).toBe("code <b>");
    expect(root.querySelector("del")?.textContent).toBe("old");
    expect(root.querySelector("br")).not.toBeNull();
    expect(Array.from(root.querySelectorAll(":scope > ul > li")).length).toBe(2);
    expect(root.querySelector("ul ul li")?.textContent).toBe("nested");
    expect(root.querySelector("ol")?.getAttribute("start")).toBe("3");
    expect(root.querySelector("pre code.language-py")?.textContent).toBe("print('<hi>')");
    expect(root.querySelector("blockquote p")?.textContent).toBe("quoted");
    const links = Array.from(root.querySelectorAll("a"));
    expect(links.map((a) => a.getAttribute("href"))).toEqual([
      "https://example.com",
      "/docs",
      "https://auto.link",
    ]);
    expect(links[0]?.getAttribute("rel")).toBe("noopener noreferrer");
    expect(root.querySelectorAll("table td").length).toBe(2);
  });

  it.each([
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<script>alert(1)</script>",
    '<iframe srcdoc="<script>alert(1)</script>">',
    "<style>body{display:none}</style>",
    '<a href="javascript:alert(1)">x</a>',
  ])("keeps raw HTML as text: %s", (payload) => {
    const root = dom(render_markdown(payload));
    expect(root.querySelector("img, svg, script, iframe, style")).toBeNull();
    expect(root.querySelector("a")).toBeNull();
    expect(root.textContent).toContain(payload.slice(0, 8));
  });

  it.each([
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox)",
    "[x](jav\tascript:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    '[x](" onmouseover="alert(1))',
    "![x](javascript:alert(1))",
  ])("drops unsafe link targets: %s", (payload) => {
    const root = dom(render_markdown(payload));
    for (const element of Array.from(root.querySelectorAll("a, img"))) {
      const url = element.getAttribute("href") ?? element.getAttribute("src") ?? "";
      expect(is_safe_url(url)).toBe(true);
      expect(url.replace(/\s/g, "").toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/);
      expect(element.getAttributeNames().filter((name) => name.startsWith("on"))).toEqual([]);
    }
  });

  it("honours line_breaks", () => {
    expect(render_markdown("a\nb", { line_breaks: true })).toBe("<p>a<br>\nb</p>");
    expect(render_markdown("a\nb")).toBe("<p>a\nb</p>");
  });
});

describe("is_safe_url", () => {
  it("allows http(s), mailto and relative URLs only", () => {
    expect(is_safe_url("https://x")).toBe(true);
    expect(is_safe_url("mailto:a@b")).toBe(true);
    expect(is_safe_url("docs/page#x")).toBe(true);
    expect(is_safe_url(" java\nscript:alert(1)")).toBe(false);
    expect(is_safe_url("data:image/png;base64,AA")).toBe(false);
  });
});

describe("Markdown component", () => {
  it("renders its value as Markdown", () => {
    view(Markdown, {
      props: {},
      value: "# Title **bold**",
      interactive: false,
      status: null,
      gradio: fake_gradio(),
    });
    const heading = screen.getByRole("heading", { level: 1, name: "Title bold" });
    expect(heading.querySelector("strong")?.textContent).toBe("bold");
  });
});
