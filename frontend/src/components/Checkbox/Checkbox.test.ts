import { fireEvent, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Checkbox from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("Checkbox", () => {
  it("is a checkbox named by its label; clicking reports the new value and select", async () => {
    const gradio = fake_gradio();
    view(Checkbox, {
      props: { label: "agree" },
      value: false,
      interactive: true,
      status: null,
      gradio,
    });
    const box = screen.getByRole<HTMLInputElement>("checkbox", { name: "agree" });
    expect(box.checked).toBe(false);
    await fireEvent.click(box);
    expect(gradio.inputs).toEqual([true]);
    // Gradio sends a checkbox's select as {index: 0, value: checked, selected: checked}.
    expect(gradio.events).toEqual([
      { event: "select", data: { index: 0, value: true, selected: true } },
    ]);
  });

  it("is disabled when not interactive", () => {
    view(Checkbox, {
      props: { label: "x" },
      value: true,
      interactive: false,
      status: null,
      gradio: fake_gradio(),
    });
    const box = screen.getByRole<HTMLInputElement>("checkbox", { name: "x" });
    expect(box.disabled).toBe(true);
    expect(box.checked).toBe(true);
  });
});
