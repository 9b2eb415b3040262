import { fireEvent, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import ClearButton from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("ClearButton", () => {
  it("is a secondary button named Clear that emits click", async () => {
    const gradio = fake_gradio();
    view(ClearButton, { props: {}, value: null, interactive: false, status: null, gradio });
    const button = screen.getByRole("button", { name: "Clear" });
    expect(button.className).toContain("secondary");
    await fireEvent.click(button);
    expect(gradio.event_names()).toEqual(["click"]);
  });
});
