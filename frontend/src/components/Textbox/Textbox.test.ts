import { fireEvent, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Textbox from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("Textbox", () => {
  it("is a textbox named by its label; typing reports input and Enter submits", async () => {
    const gradio = fake_gradio();
    view(Textbox, { props: { label: "name" }, value: "", interactive: true, status: null, gradio });
    const box = screen.getByRole("textbox", { name: "name" });
    await fireEvent.input(box, { target: { value: "Ada" } });
    await fireEvent.keyDown(box, { key: "Enter" });
    await fireEvent.focus(box);
    await fireEvent.blur(box);
    expect(gradio.inputs).toEqual(["Ada"]);
    expect(gradio.event_names()).toEqual(["submit", "focus", "blur"]);
  });

  it("shows an output value in a readonly box, and null as empty", async () => {
    const gradio = fake_gradio();
    const { rerender } = view(Textbox, {
      props: { label: "output" },
      value: "Hello, Ada!",
      interactive: false,
      status: null,
      gradio,
    });
    const box = screen.getByRole<HTMLInputElement>("textbox", { name: "output" });
    expect(box.value).toBe("Hello, Ada!");
    expect(box.readOnly).toBe(true);
    await rerender({ value: null });
    expect(box.value).toBe("");
  });

  it("uses a textarea for several lines, where Enter does not submit", async () => {
    const gradio = fake_gradio();
    view(Textbox, {
      props: { label: "story", lines: 4 },
      value: "",
      interactive: true,
      status: null,
      gradio,
    });
    const area = screen.getByRole("textbox", { name: "story" });
    expect(area.tagName).toBe("TEXTAREA");
    expect(area.getAttribute("rows")).toBe("4");
    await fireEvent.keyDown(area, { key: "Enter" });
    expect(gradio.event_names()).toEqual([]);
  });

  it("moves the label to aria-label when show_label is false, and shows info", () => {
    view(Textbox, {
      props: {
        label: "secret",
        show_label: false,
        type: "password",
        info: "never shared",
        placeholder: "…",
      },
      value: "",
      interactive: true,
      status: null,
      gradio: fake_gradio(),
    });
    const box = screen.getByLabelText("secret");
    expect(box.getAttribute("type")).toBe("password");
    expect(screen.queryByText("secret")).toBeNull();
    expect(box.getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.getByText("never shared")).toBeTruthy();
  });

  it("offers a copy button when asked", () => {
    view(Textbox, {
      props: { label: "out", show_copy_button: true },
      value: "x",
      interactive: false,
      status: null,
      gradio: fake_gradio(),
    });
    expect(screen.getByRole("button", { name: "Copy" })).toBeTruthy();
  });

  it("marks itself busy and announces the pending state", () => {
    const { container } = view(Textbox, {
      props: { label: "out" },
      value: "",
      interactive: false,
      status: {
        mode: "full",
        phase: "queued",
        rank: 1,
        queue_size: 5,
        eta: null,
        started_ms: 0,
        progress: [],
      },
      gradio: fake_gradio(),
    });
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(container.querySelector("[aria-live]")?.textContent).toBe("Queued, position 2/5");
  });

  it("sends a text selection as select with the text and its offsets", async () => {
    const gradio = fake_gradio();
    view(Textbox, { props: { label: "t" }, value: "hello world", gradio });
    const box = screen.getByRole<HTMLInputElement>("textbox", { name: "t" });
    box.setSelectionRange(0, 5);
    await fireEvent.select(box);
    expect(gradio.events).toEqual([{ event: "select", data: { value: "hello", index: [0, 5] } }]);
  });
});
