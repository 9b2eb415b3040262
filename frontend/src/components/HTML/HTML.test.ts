import { waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import HTMLComponent from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

function element_of(container: HTMLElement): HTMLElement {
  const element = container.querySelector<HTMLElement>(".html-content");
  if (!element) throw new Error("no gr.HTML element");
  return element;
}

async function shown(container: HTMLElement, text: string): Promise<HTMLElement> {
  const element = element_of(container);
  await waitFor(() => expect(element.innerHTML).toContain(text));
  return element;
}

describe("gr.HTML", () => {
  it("renders the value through the default ${value} template", async () => {
    const { container } = view(HTMLComponent, { props: {}, value: "<h2>Hello</h2>" });
    const element = await shown(container, "<h2>Hello</h2>");
    expect(element.classList.contains("prose")).toBe(true);
  });

  it("fills html_template from ${value}, Handlebars {{prop}} and JS expressions", async () => {
    const { container } = view(HTMLComponent, {
      props: {
        html_template:
          "<p class='n'>${value * 2}</p><b>{{color}}</b>{{#each items}}<i>{{this}}</i>{{/each}}",
        props: { color: "red", items: ["a", "b"] },
      },
      value: 21,
    });
    const element = await shown(container, "<i>b</i>");
    expect(element.querySelector(".n")?.textContent).toBe("42");
    expect(element.querySelector("b")?.textContent).toBe("red");
  });

  it("scopes css_template to the element", async () => {
    const { container } = view(HTMLComponent, {
      props: { css_template: "color: ${color}; p { margin: 0 }", props: { color: "blue" } },
      value: "<p>x</p>",
    });
    const element = await shown(container, "<p>x</p>");
    const styles = [...document.head.querySelectorAll("style")].map((s) => s.textContent);
    expect(styles).toContain(`#${element.id} { color: blue; p { margin: 0 } }`);
  });

  it("runs js_on_load with element, trigger and props", async () => {
    const gradio = fake_gradio();
    const { container } = view(HTMLComponent, {
      props: {
        html_template: "<button>${value}</button>",
        js_on_load:
          "element.querySelector('button').addEventListener('click', () => { trigger('select', {n: 1}); props.value = 'clicked'; });",
      },
      value: "start",
      gradio,
    });
    const element = await shown(container, "start");
    element.querySelector("button")?.click();
    await waitFor(() => expect(element.textContent).toBe("clicked"));
    expect(gradio.events).toEqual([{ event: "select", data: { n: 1 } }]);
    expect(gradio.inputs).toEqual(["clicked"]);
  });

  it("fires click by default, as Gradio's default js_on_load does", async () => {
    const gradio = fake_gradio();
    const { container } = view(HTMLComponent, {
      props: { js_on_load: "element.addEventListener('click', function() { trigger('click') });" },
      value: "<span>x</span>",
      gradio,
    });
    const element = await shown(container, "x");
    element.click();
    expect(gradio.event_names()).toEqual(["click"]);
  });

  it("trusts the author's initial value and sanitises a function's output", async () => {
    const author = '<p style="position: fixed" onclick="go()">mine</p>';
    const { container, rerender } = view(HTMLComponent, { props: {}, value: author });
    const element = await shown(container, "mine");
    expect(element.querySelector("p")?.getAttribute("onclick")).toBe("go()");
    await rerender({ value: '<img src="x" onerror="window.__pwned=1"><b id="config">run</b>' });
    await waitFor(() => expect(element.textContent).toBe("run"));
    expect(element.querySelector("img")?.hasAttribute("onerror")).toBe(false);
    expect(element.querySelector("b")?.id).toBe("user-content-config");
  });

  it("lets a function's output through with sanitize_html=False", async () => {
    const { container, rerender } = view(HTMLComponent, {
      props: { sanitize_html: false },
      value: "a",
    });
    const element = await shown(container, "a");
    await rerender({ value: '<b onclick="go()">raw</b>' });
    await waitFor(() => expect(element.querySelector("b")?.getAttribute("onclick")).toBe("go()"));
  });

  it("calls watch callbacks after a server update re-renders", async () => {
    const { container, rerender } = view(HTMLComponent, {
      props: {
        js_on_load: "watch('value', () => { element.dataset.seen = element.textContent; });",
      },
      value: "one",
    });
    const element = await shown(container, "one");
    await rerender({ value: "two" });
    await waitFor(() => expect(element.dataset["seen"]).toBe("two"));
  });

  it("keeps listeners on children across a re-render", async () => {
    const gradio = fake_gradio();
    const { container, rerender } = view(HTMLComponent, {
      props: {
        html_template: "<button>${value}</button>",
        js_on_load: "element.querySelector('button').onclick = () => trigger('click');",
      },
      value: "1",
      gradio,
    });
    const element = await shown(container, "1");
    await rerender({ value: "2" });
    await waitFor(() => expect(element.textContent).toBe("2"));
    element.querySelector("button")?.click();
    expect(gradio.event_names()).toEqual(["click"]);
  });

  it("keeps a function's output inside attributes and out of the template literal", async () => {
    const { container, rerender } = view(HTMLComponent, {
      props: { html_template: '<div title="${value}">{{value}}</div>' },
      value: "safe",
    });
    const element = await shown(container, "safe");
    const hostile = '" onmouseover="window.__pwned=1" x="${globalThis.__pwned = 1}';
    await rerender({ value: hostile });
    await waitFor(() => expect(element.querySelector("div")?.getAttribute("title")).toBe(hostile));
    expect(element.querySelector("div")?.getAttributeNames()).toEqual(["title"]);
    expect(element.querySelector("div")?.textContent).toBe(hostile);
    await rerender({ value: "<b>bold</b> & don't" });
    await waitFor(() =>
      expect(element.querySelector("div")?.innerHTML).toBe("<b>bold</b> &amp; don't"),
    );
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("adds head tags once, before js_on_load runs", async () => {
    const head = '<link rel="stylesheet" href="/lib.css"><meta name="x-lib" content="1">';
    const js =
      "element.dataset.links = document.querySelectorAll('link[href=\"/lib.css\"]').length;";
    const first = view(HTMLComponent, { props: { head, js_on_load: js }, value: "a" }).container;
    const second = view(HTMLComponent, { props: { head, js_on_load: js }, value: "b" }).container;
    await waitFor(() => expect(element_of(second).dataset["links"]).toBe("1"));
    expect(element_of(first).dataset["links"]).toBe("1");
    expect(document.head.querySelectorAll('link[href="/lib.css"]').length).toBe(1);
  });
});
