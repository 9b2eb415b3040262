import { fireEvent, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import NumberComponent from "./Index.svelte";
import { round_to, to_number } from "./types";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("Number", () => {
  it("is a spinbutton named by its label with min/max/step", async () => {
    const gradio = fake_gradio();
    view(NumberComponent, {
      props: { label: "number", minimum: 0, maximum: 10, step: 0.5 },
      value: 2,
      interactive: true,
      status: null,
      gradio,
    });
    const box = screen.getByRole<HTMLInputElement>("spinbutton", { name: "number" });
    expect(box.value).toBe("2");
    expect(box.min).toBe("0");
    expect(box.max).toBe("10");
    expect(box.step).toBe("0.5");
    await fireEvent.input(box, { target: { value: "42.5" } });
    await fireEvent.keyDown(box, { key: "Enter" });
    expect(gradio.inputs).toEqual([42.5]);
    expect(gradio.event_names()).toEqual(["submit"]);
  });

  it("reports an emptied box as null", async () => {
    const gradio = fake_gradio();
    view(NumberComponent, {
      props: { label: "n" },
      value: 1,
      interactive: true,
      status: null,
      gradio,
    });
    await fireEvent.input(screen.getByRole("spinbutton", { name: "n" }), { target: { value: "" } });
    expect(gradio.inputs).toEqual([null]);
  });

  it("rounds to precision and parses wire values", () => {
    expect(round_to(1.23456, 2)).toBe(1.23);
    expect(round_to(1.5, null)).toBe(1.5);
    expect(to_number("3")).toBe(3);
    expect(to_number("x")).toBeNull();
  });
});
