import { screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import JSONComponent from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("JSON", () => {
  it("shows keys and values in a collapsible tree named by its label", () => {
    view(JSONComponent, {
      props: { label: "values" },
      value: { number: 42.5, agree: true, colors: ["red", "blue"], deep: { a: { b: { c: 1 } } } },
      interactive: false,
      status: null,
      gradio: fake_gradio(),
    });
    const tree = screen.getByRole("group", { name: "values" });
    for (const text of ["number", "42.5", "agree", "true", '"red"', '"blue"', "c:"]) {
      expect(tree.textContent).toContain(text);
    }
    const details = tree.querySelectorAll("details");
    expect(details[0]?.open).toBe(true);
    expect(Array.from(details).some((node) => !node.open)).toBe(true);
  });

  it("expands everything with open=true", () => {
    view(JSONComponent, {
      props: { label: "j", open: true },
      value: { a: { b: { c: [1] } } },
      interactive: false,
      status: null,
      gradio: fake_gradio(),
    });
    const details = screen.getByRole("group", { name: "j" }).querySelectorAll("details");
    expect(Array.from(details).every((node) => node.open)).toBe(true);
  });
});
