import { fireEvent, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Label from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

describe("Label", () => {
  it("shows the top class and each confidence as a percentage; a row click emits select", async () => {
    const gradio = fake_gradio();
    view(Label, {
      props: { label: "output" },
      value: {
        label: "cat",
        confidences: [
          { label: "cat", confidence: 0.7 },
          { label: "dog", confidence: 0.3 },
        ],
      },
      interactive: false,
      status: null,
      gradio,
    });
    expect(screen.getByRole("status", { name: "output" }).textContent).toBe("cat");
    expect(screen.getByText("70%")).toBeTruthy();
    expect(screen.getByText("30%")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: /dog/ }));
    expect(gradio.events).toEqual([{ event: "select", data: { index: 1, value: "dog" } }]);
  });

  it("renders nothing for null and keeps labels as text", () => {
    const { container } = view(Label, {
      props: {},
      value: { label: "<img src=x onerror=alert(1)>" },
      interactive: false,
      status: null,
      gradio: fake_gradio(),
    });
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText("<img src=x onerror=alert(1)>")).toBeTruthy();
  });
});
