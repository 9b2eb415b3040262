import { fireEvent, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Radio from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("Radio", () => {
  it("is a radiogroup named by its label; picking reports the choice's value", async () => {
    const gradio = fake_gradio();
    view(Radio, {
      props: {
        label: "letter",
        choices: [
          ["alpha", "a"],
          ["beta", "b"],
        ],
      },
      value: "a",
      interactive: true,
      status: null,
      gradio,
    });
    const group = screen.getByRole("radiogroup", { name: "letter" });
    expect(within(group).getByRole<HTMLInputElement>("radio", { name: "alpha" }).checked).toBe(
      true,
    );
    await fireEvent.click(within(group).getByRole("radio", { name: "beta" }));
    expect(gradio.inputs).toEqual(["b"]);
    expect(gradio.events).toEqual([{ event: "select", data: { value: "b", index: 1 } }]);
  });
});
