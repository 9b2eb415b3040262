import { fireEvent, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Dropdown from "./Index.svelte";
import { fake_gradio, view } from "../../test_utils/gradio";

const choices = [
  ["apple", "apple"],
  ["banana", "banana"],
  ["Cherry!", 3],
];

describe("Dropdown", () => {
  it("is a combobox named by its label; choosing reports the value and select", async () => {
    const gradio = fake_gradio();
    view(Dropdown, {
      props: { label: "fruit", choices },
      value: null,
      interactive: true,
      status: null,
      gradio,
    });
    const select = screen.getByRole<HTMLSelectElement>("combobox", { name: "fruit" });
    await fireEvent.change(select, { target: { value: "2" } });
    expect(gradio.inputs).toEqual([3]);
    expect(gradio.events[0]).toEqual({
      event: "select",
      data: { index: 2, value: 3, selected: true },
    });
  });

  it("is a listbox for multiselect and respects max_choices", async () => {
    const gradio = fake_gradio();
    view(Dropdown, {
      props: { label: "fruits", choices, multiselect: true, max_choices: 1 },
      value: ["apple"],
      interactive: true,
      status: null,
      gradio,
    });
    const list = screen.getByRole<HTMLSelectElement>("listbox", { name: "fruits" });
    const options = Array.from(list.options);
    expect(options.map((option) => option.selected)).toEqual([true, false, false]);
    for (const option of options) option.selected = true;
    await fireEvent.change(list);
    expect(gradio.inputs).toEqual([["apple"]]);
  });

  it("sends one select per choice a multiselect toggles, as Gradio does", async () => {
    const gradio = fake_gradio();
    view(Dropdown, {
      props: { label: "fruits", choices, multiselect: true },
      value: ["apple"],
      gradio,
    });
    const list = screen.getByRole<HTMLSelectElement>("listbox", { name: "fruits" });
    const [apple, , cherry] = Array.from(list.options);
    if (!apple || !cherry) throw new Error("the options are missing");
    apple.selected = false;
    cherry.selected = true;
    await fireEvent.change(list);
    expect(gradio.inputs).toEqual([[3]]);
    expect(gradio.events).toEqual([
      { event: "select", data: { index: 0, value: "apple", selected: false } },
      { event: "select", data: { index: 2, value: 3, selected: true } },
    ]);
  });

  it("sends key_up with the key and the text shown", async () => {
    const gradio = fake_gradio();
    view(Dropdown, { props: { label: "fruit", choices }, value: "banana", gradio });
    await fireEvent.keyUp(screen.getByRole("combobox", { name: "fruit" }), { key: "b" });
    expect(gradio.events).toEqual([{ event: "key_up", data: { key: "b", input_value: "banana" } }]);
  });

  it("accepts typed values when allow_custom_value is set", async () => {
    const gradio = fake_gradio();
    view(Dropdown, {
      props: { label: "fruit", choices, allow_custom_value: true },
      value: "kiwi",
      interactive: true,
      status: null,
      gradio,
    });
    const box = screen.getByRole<HTMLInputElement>("combobox", { name: "fruit" });
    expect(box.value).toBe("kiwi");
    await fireEvent.change(box, { target: { value: "Cherry!" } });
    expect(gradio.inputs).toEqual([3]);
  });
});
