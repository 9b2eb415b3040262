import { fireEvent, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Button from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("Button", () => {
  it("is a button named by its text that emits click", async () => {
    const gradio = fake_gradio();
    view(Button, {
      props: { variant: "primary" },
      value: "Submit",
      interactive: false,
      status: null,
      gradio,
    });
    const button = screen.getByRole("button", { name: "Submit" });
    expect(button.className).toContain("primary");
    await fireEvent.click(button);
    expect(gradio.event_names()).toEqual(["click"]);
  });

  it("is disabled only when interactive is false in its props", () => {
    view(Button, {
      props: { interactive: false },
      value: "Go",
      interactive: true,
      status: null,
      gradio: fake_gradio(),
    });
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Go" }).disabled).toBe(true);
  });

  it("is a link when `link` is set", () => {
    view(Button, {
      props: { link: "https://example.com" },
      value: "Docs",
      interactive: true,
      status: null,
      gradio: fake_gradio(),
    });
    expect(screen.getByRole("link", { name: "Docs" }).getAttribute("href")).toBe(
      "https://example.com",
    );
  });
});
