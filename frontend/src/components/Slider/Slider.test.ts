import { fireEvent, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Slider from "./Index.svelte";
import { snap } from "./types";
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

  it("starts its handle at a value on a fractional step grid", () => {
    view(Slider, { props: { label: "t", minimum: 0.1, maximum: 2, step: 0.1 }, value: 1 });
    const range = screen.getByRole<HTMLInputElement>("slider", { name: "t" });
    expect(range.value).toBe("1");
    expect(screen.getByRole<HTMLInputElement>("spinbutton").value).toBe("1");
  });

  it("corrects what is typed to a value the slider holds, and restores an emptied box", async () => {
    const gradio = fake_gradio();
    view(Slider, {
      props: { label: "t", minimum: 0.1, maximum: 2, step: 0.1 },
      value: 1,
      gradio,
    });
    const box = screen.getByRole<HTMLInputElement>("spinbutton");
    await fireEvent.change(box, { target: { value: "1.25" } });
    expect(box.value).toBe("1.3");
    await fireEvent.change(box, { target: { value: "" } });
    expect(box.value).toBe("1");
    await fireEvent.change(box, { target: { value: "7" } });
    expect(box.value).toBe("2");
    expect(gradio.inputs).toEqual([1.3, 2]);
  });
});

describe("snap", () => {
  it("rounds onto the grid from the minimum without float noise", () => {
    const p = { minimum: 0.1, maximum: 2, step: 0.1 };
    expect([0.3, 1.25, -5, 1.33, 99].map((value) => snap(value, p))).toEqual([
      0.3, 1.3, 0.1, 1.3, 2,
    ]);
    expect(snap(10, { minimum: 0, maximum: 10, step: 3 })).toBe(9);
  });
});
