// Component type → lazily loaded module, found from the folders: every
// `components/<Folder>/Index.svelte` is the component whose config `type` is the folder's
// name in lower case (`CheckboxGroup/` → "checkboxgroup"), the name the Python class sends
// (src/gradiate/component_registry.py). Adding a folder adds the component; each is its own
// chunk (the small form controls share one, see vite.config.ts), so a page loads only
// what it uses.
import type { Component } from "svelte";
import type { LayoutNode } from "./config";
import type { ComponentLoader, ComponentModule, ComponentProps } from "./types";

const FOLDER = /\/components\/([^/]+)\/Index\.svelte$/;

/** `{type: loader}` from `import.meta.glob`'s `{path: loader}`; a path it cannot read throws. */
export function loaders_by_type(
  modules: Readonly<Record<string, ComponentLoader>>,
): Readonly<Record<string, ComponentLoader>> {
  const loaders: Record<string, ComponentLoader> = {};
  for (const [path, loader] of Object.entries(modules)) {
    const folder = FOLDER.exec(path)?.[1];
    if (folder === undefined) throw new Error(`${path} is not components/<Folder>/Index.svelte`);
    loaders[folder.toLowerCase()] = loader;
  }
  return loaders;
}

export const COMPONENT_LOADERS: Readonly<Record<string, ComponentLoader>> = loaders_by_type(
  import.meta.glob<ComponentModule>("../components/*/Index.svelte"),
);

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
