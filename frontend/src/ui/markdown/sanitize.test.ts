import { describe, expect, it } from "vitest";
import { purify_fragment } from "./sanitize";

function clean(html: string): HTMLDivElement {
  const root = document.createElement("div");
  root.append(purify_fragment(html));
  return root;
}

describe("sanitize", () => {
  it("drops style declarations that make overlays, keeps harmless ones", () => {
    const root = clean(
      '<div style="position: fixed; inset: 0; z-index: 9999; color: red; font-weight: bold">x</div>',
    );
    expect(root.querySelector("div")?.getAttribute("style")).toBe("color: red; font-weight: bold");
  });

  it.each([
    'background-image: url("https://evil.example/track.png")',
    "transform: translate(-100px)",
    "margin-top: -500px",
    "display: contents",
  ])("drops style %s entirely", (style) => {
    expect(clean(`<p style='${style}'>x</p>`).querySelector("p")?.hasAttribute("style")).toBe(
      false,
    );
  });

  it("prefixes id and name so they cannot clobber globals", () => {
    const root = clean('<img name="getElementById" src="a.png"><a id="gradio_config">x</a>');
    expect(root.querySelector("img")?.getAttribute("name")).toBe("user-content-getElementById");
    expect(root.querySelector("a")?.id).toBe("user-content-gradio_config");
    expect(typeof document.getElementById).toBe("function");
  });

  it("rewrites same-page links to the prefixed ids", () => {
    expect(clean('<a href="#intro">x</a>').querySelector("a")?.getAttribute("href")).toBe(
      "#user-content-intro",
    );
  });

  it.each([
    '<button popovertarget="p">x</button><div popover id="p">y</div>',
    '<img src="x" onerror="window.__pwned=1">',
    '<svg><animate onbegin="window.__pwned=1"/></svg>',
    '<details open ontoggle="window.__pwned=1">x</details>',
    '<a href="#" onclick="window.__pwned=1">x</a>',
  ])("removes handlers and popover targets: %s", (payload) => {
    const root = clean(payload);
    for (const element of root.querySelectorAll("*")) {
      const names = element.getAttributeNames();
      expect(names.filter((name) => name.startsWith("on") || name.startsWith("popover"))).toEqual(
        [],
      );
    }
    expect(root.querySelector("button, svg")).toBeNull();
  });

  it.each([
    '<a href="javascript:window.__pwned=1">x</a>',
    '<a href="JaVaScRiPt:window.__pwned=1">x</a>',
    '<a href="jav&#x09;ascript:window.__pwned=1">x</a>',
    '<a href=" &#14; javascript:window.__pwned=1">x</a>',
    '<a href="data:text/html,<script>window.__pwned=1</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img src="javascript:window.__pwned=1">',
  ])("removes script URLs: %s", (payload) => {
    const element = clean(payload).querySelector("a, img");
    expect(element?.hasAttribute("href") ?? false).toBe(false);
    expect(element?.hasAttribute("src") ?? false).toBe(false);
  });

  it("keeps data:image for images", () => {
    const src = "data:image/png;base64,iVBORw0KGgo=";
    expect(clean(`<img src="${src}">`).querySelector("img")?.getAttribute("src")).toBe(src);
  });

  it.each(["style", "link", "meta", "form", "iframe", "script", "object", "embed", "base"])(
    "removes <%s>",
    (tag) => {
      const root = clean(
        `<${tag} href="x.css" src="x" content="0;url=https://evil.example">t</${tag}><p>after</p>`,
      );
      expect(root.querySelector(tag)).toBeNull();
      expect(root.querySelector("p")?.textContent).toBe("after");
    },
  );

  it("removes text inputs but keeps a disabled task-list checkbox", () => {
    const root = clean('<input type="password" name="pw"><input type="checkbox" checked>');
    const inputs = [...root.querySelectorAll("input")];
    expect(inputs.map((input) => input.type)).toEqual(["checkbox"]);
    expect(inputs[0]?.disabled).toBe(true);
  });

  it("gives links rel=noopener noreferrer and opens other origins in a new tab", () => {
    const root = clean(
      '<a href="https://other.example/x" target="_self">a</a><a href="/local">b</a>',
    );
    const [external, local] = [...root.querySelectorAll("a")];
    expect(external?.getAttribute("rel")).toBe("noopener noreferrer");
    expect(external?.getAttribute("target")).toBe("_blank");
    expect(local?.getAttribute("rel")).toBe("noopener noreferrer");
    expect(local?.hasAttribute("target")).toBe(false);
  });

  it.each([
    ["https://other.example/x", true],
    ["HTTPS://Other.Example:8443?q", true],
    [`${location.origin}/same`, false],
    [`${location.origin.toUpperCase()}#top`, false],
    ["//other.example/x", true],
    [" https://other.example/x", true],
    ["mailto:a@b.example", false],
    ["#section", false],
    ["?page=2", false],
  ])("opens %s in a new tab: %s", (href, new_tab) => {
    const link = clean(`<a href="${href}">a</a>`).querySelector("a");
    expect(link?.getAttribute("target") === "_blank").toBe(new_tab);
  });
});
