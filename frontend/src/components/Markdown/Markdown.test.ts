import { screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Markdown from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("Markdown component", () => {
  it("renders its value as Markdown", () => {
    view(Markdown, { props: {}, value: "# Title **bold**", interactive: false });
    const heading = screen.getByRole("heading", { level: 1, name: "Title bold" });
    expect(heading.querySelector("strong")?.textContent).toBe("bold");
  });

  it("updates when the value grows, keeping earlier blocks", async () => {
    const start = "# One\n\npara\n\nmore\n\nand more";
    const { rerender } = view(Markdown, { props: {}, value: start, interactive: false });
    const first = screen.getByRole("heading", { name: "One" });
    await rerender({ value: `${start}\n\n## Two` });
    expect(screen.getByRole("heading", { name: "Two" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "One" })).toBe(first);
  });

  it("sanitises raw HTML by default and trusts it with sanitize_html=False", () => {
    const payload = '<img src="x" onerror="window.__pwned=1" alt="pic">';
    const sanitised = view(Markdown, { props: {}, value: payload }).container;
    expect(sanitised.querySelector("img")?.hasAttribute("onerror")).toBe(false);
    const trusted = view(Markdown, { props: { sanitize_html: false }, value: payload }).container;
    expect(trusted.querySelector("img")?.getAttribute("onerror")).toBe("window.__pwned=1");
  });

  it("applies rtl, height and padding", () => {
    const { container } = view(Markdown, {
      props: { rtl: true, height: 120, max_height: "50vh", padding: true },
      value: "text",
    });
    const prose = container.querySelector<HTMLElement>(".prose");
    expect(prose?.getAttribute("dir")).toBe("rtl");
    expect(prose?.style.height).toBe("120px");
    expect(prose?.style.maxHeight).toBe("50vh");
    expect(prose?.classList.contains("padding")).toBe(true);
  });

  it("shows a copy button with buttons=['copy'] and fires copy", async () => {
    const gradio = fake_gradio();
    const written: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: (text: string) => Promise.resolve(void written.push(text)) },
      configurable: true,
    });
    view(Markdown, { props: { buttons: ["copy"] }, value: "**x**", gradio });
    screen.getByRole("button", { name: "Copy Markdown" }).click();
    await waitFor(() => expect(gradio.event_names()).toEqual(["copy"]));
    expect(written).toEqual(["**x**"]);
  });

  it("has no copy button by default", () => {
    view(Markdown, { props: {}, value: "x" });
    expect(screen.queryByRole("button")).toBeNull();
  });
});
