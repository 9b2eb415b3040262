import { describe, expect, it } from "vitest";
import State from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("State", () => {
  it("renders no DOM", () => {
    const { container } = view(State, {
      props: {},
      value: 1,
      interactive: false,
      status: null,
      gradio: fake_gradio(),
    });
    expect(container.innerHTML.replace(/<!---->/g, "").trim()).toBe("");
  });
});
