// Component type → lazily loaded module. Each entry is its own chunk (the small
// form controls share one, see vite.config.ts), so a page loads only what it uses.
import type { Component } from "svelte";
import type { LayoutNode } from "./config";
import type { ComponentLoader, ComponentProps } from "./types";

export const COMPONENT_LOADERS: Readonly<Record<string, ComponentLoader>> = {
  textbox: () => import("../components/Textbox/Index.svelte"),
  number: () => import("../components/Number/Index.svelte"),
  slider: () => import("../components/Slider/Index.svelte"),
  checkbox: () => import("../components/Checkbox/Index.svelte"),
  checkboxgroup: () => import("../components/CheckboxGroup/Index.svelte"),
  radio: () => import("../components/Radio/Index.svelte"),
  dropdown: () => import("../components/Dropdown/Index.svelte"),
  button: () => import("../components/Button/Index.svelte"),
  clearbutton: () => import("../components/ClearButton/Index.svelte"),
  markdown: () => import("../components/Markdown/Index.svelte"),
  html: () => import("../components/HTML/Index.svelte"),
  json: () => import("../components/JSON/Index.svelte"),
  label: () => import("../components/Label/Index.svelte"),
  state: () => import("../components/State/Index.svelte"),
};

export type LoadedComponents = Map<string, Component<ComponentProps>>;

/** The component types a layout tree uses. */
export function types_in_layout(
  node: LayoutNode,
  type_of: (id: number) => string | undefined,
): Set<string> {
  const types = new Set<string>();
  const visit = (current: LayoutNode): void => {
    const type = type_of(current.id);
    if (type !== undefined) types.add(type);
    for (const child of current.children ?? []) visit(child);
  };
  visit(node);
  return types;
}

/** Loads the modules of `types` in parallel; unknown types are skipped (shown as unsupported). */
export async function load_components(
  types: Iterable<string>,
  loaders: Readonly<Record<string, ComponentLoader>> = COMPONENT_LOADERS,
): Promise<LoadedComponents> {
  const loaded: LoadedComponents = new Map();
  await Promise.all(
    [...types].map(async (type) => {
      const loader = loaders[type];
      if (loader) loaded.set(type, (await loader()).default);
    }),
  );
  return loaded;
}
