import { fireEvent, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import CheckboxGroup from "./Index.svelte";
import { toggle } from "./types";
import { fake_gradio, view } from "../../test_utils/gradio";

const choices = [
  ["Red", "red"],
  ["Green", "green"],
  ["Blue", "blue"],
];

describe("CheckboxGroup", () => {
  it("is a group named by its label; toggling keeps the choices' order", async () => {
    const gradio = fake_gradio();
    view(CheckboxGroup, {
      props: { label: "colors", choices },
      value: ["blue"],
      interactive: true,
      status: null,
      gradio,
    });
    const group = screen.getByRole("group", { name: "colors" });
    await fireEvent.click(within(group).getByRole("checkbox", { name: "Red" }));
    expect(gradio.inputs).toEqual([["red", "blue"]]);
    expect(gradio.events[0]).toEqual({
      event: "select",
      data: { index: 0, value: "red", selected: true },
    });
    expect(within(group).getByRole<HTMLInputElement>("checkbox", { name: "Blue" }).checked).toBe(
      true,
    );
  });

  it("toggle() removes and orders values", () => {
    const pairs = choices as [string, unknown][];
    expect(toggle(["red", "blue"], pairs, "red", false)).toEqual(["blue"]);
    expect(toggle(["blue", "extra"], pairs, "green", true)).toEqual(["green", "blue", "extra"]);
  });
});
