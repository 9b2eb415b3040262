import { fireEvent, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Slider from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("Slider", () => {
  it("is a slider named by its label, with a number box kept in sync", async () => {
    const gradio = fake_gradio();
    const { rerender } = view(Slider, {
      props: { label: "intensity", minimum: 1, maximum: 10, step: 1 },
      value: 3,
      interactive: true,
      status: null,
      gradio,
    });
    const range = screen.getByRole<HTMLInputElement>("slider", { name: "intensity" });
    const box = screen.getByRole<HTMLInputElement>("spinbutton", { name: "intensity value" });
    expect(range.value).toBe("3");
    expect(box.value).toBe("3");
    expect(screen.getByText("1")).toBeTruthy();
    expect(screen.getByText("10")).toBeTruthy();

    await fireEvent.input(range, { target: { value: "5" } });
    await fireEvent.change(range);
    expect(gradio.inputs).toEqual([5]);
    expect(gradio.event_names()).toEqual(["release"]);

    await rerender({ value: 5 });
    expect(box.value).toBe("5");
  });

  it("clamps what is typed in the number box", async () => {
    const gradio = fake_gradio();
    view(Slider, {
      props: { label: "s", minimum: 0, maximum: 10 },
      value: 0,
      interactive: true,
      status: null,
      gradio,
    });
    await fireEvent.change(screen.getByRole("spinbutton"), { target: { value: "50" } });
    expect(gradio.inputs).toEqual([10]);
  });
});
