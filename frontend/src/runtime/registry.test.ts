import { describe, expect, it } from "vitest";
import { COMPONENT_LOADERS, loaders_by_type } from "./registry";
import type { ComponentLoader } from "./types";

const never: ComponentLoader = () => Promise.reject(new Error("not loaded in this test"));

describe("the component registry", () => {
  it("has one lazy loader per components/<Folder>/, keyed by the folder in lower case", () => {
    for (const type of ["textbox", "checkboxgroup", "clearbutton", "html", "json", "state"]) {
      expect(COMPONENT_LOADERS).toHaveProperty(type);
    }
    for (const type of Object.keys(COMPONENT_LOADERS)) expect(type).toBe(type.toLowerCase());
  });

  it("loads the Svelte component of a type", async () => {
    const module = await COMPONENT_LOADERS["checkboxgroup"]!();
    expect(typeof module.default).toBe("function");
  });

  it("names the path it cannot map to a type", () => {
    expect(() => loaders_by_type({ "../components/Index.svelte": never })).toThrow(
      "../components/Index.svelte is not components/<Folder>/Index.svelte",
    );
    expect(loaders_by_type({ "../components/ColorPicker/Index.svelte": never })).toEqual({
      colorpicker: never,
    });
  });
});
