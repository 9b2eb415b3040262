import { describe, expect, it } from "vitest";

import HTMLComponent from "./Index.svelte";
import { sanitize_html_to_string } from "./sanitize";
import { fake_gradio, view } from "../../test_utils/gradio";

function clean(html: string): HTMLDivElement {
  const div = document.createElement("div");
  div.innerHTML = sanitize_html_to_string(html);
  return div;
}

function has_script_vectors(root: Element): string[] {
  const found: string[] = [];
  for (const element of Array.from(root.querySelectorAll("*"))) {
    const tag = element.localName;
    if (
      ["script", "style", "iframe", "object", "embed", "link", "meta", "base", "form"].includes(tag)
    ) {
      found.push(tag);
    }
    for (const name of element.getAttributeNames()) {
      const value = (element.getAttribute(name) ?? "")
        // eslint-disable-next-line no-control-regex
        .replace(/[\s\u0000-\u001f]/g, "")
        .toLowerCase();
      if (name.startsWith("on") || name === "srcdoc" || name === "formaction")
        found.push(`${tag}@${name}`);
      if (
        /^(javascript|vbscript):/.test(value) ||
        (/^data:/.test(value) && !/^data:image\/(png|jpe?g|gif|webp)/.test(value))
      ) {
        found.push(`${tag}@${name}=${value}`);
      }
    }
  }
  return found;
}

const PAYLOADS = [
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)><circle r=1 /></svg>",
  "<script>alert(1)</script>",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href=" JaVaScRiPt:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  "<style>body{display:none}</style>",
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<form action="https://evil.example"><button formaction="javascript:alert(1)">go</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<svg><animate attributeName="href" values="javascript:alert(1)" /></svg>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
  "<details open ontoggle=alert(1)>x</details>",
  '<video><source onerror="alert(1)"></video>',
  "<template><img src=x onerror=alert(1)></template>",
  '<img srcset="javascript:alert(1) 1x, https://ok/x.png 2x">',
];

describe("sanitize_html", () => {
  it.each(PAYLOADS)("leaves no script vector: %s", (payload) => {
    expect(has_script_vectors(clean(payload))).toEqual([]);
  });

  it("keeps ordinary formatting, tables, images and links", () => {
    const root = clean(
      '<h2 class="t">Hi</h2><p><b>bold</b> <i>it</i></p><table><tr><td>1</td></tr></table>' +
        '<img src="https://x/y.png" alt="y"><img src="data:image/png;base64,AAAA" alt="d">' +
        '<a href="https://example.com" target="_blank">ex</a><custom-el><span>kept</span></custom-el>',
    );
    expect(root.querySelector("h2.t")?.textContent).toBe("Hi");
    expect(root.querySelector("b")?.textContent).toBe("bold");
    expect(root.querySelector("td")?.textContent).toBe("1");
    expect(root.querySelectorAll("img")).toHaveLength(2);
    expect(root.querySelector("a")?.getAttribute("rel")).toBe("noopener noreferrer");
    expect(root.querySelector("custom-el")).toBeNull();
    expect(root.querySelector("span")?.textContent).toBe("kept");
  });

  it("unwraps a form, keeping its text", () => {
    const root = clean('<form action="/x"><p>inside</p></form>');
    expect(root.querySelector("form")).toBeNull();
    expect(root.textContent).toBe("inside");
  });
});

describe("HTML component", () => {
  it("renders sanitized markup", () => {
    const { container } = view(HTMLComponent, {
      props: {},
      value: '<b>hi</b><img src=x onerror="window.__xss=1">',
      interactive: false,
      status: null,
      gradio: fake_gradio(),
    });
    expect(container.querySelector("b")?.textContent).toBe("hi");
    expect(container.querySelector("img")?.hasAttribute("onerror")).toBe(false);
  });
});
