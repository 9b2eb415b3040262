// The app config (PROTOCOL.md §2), checked field by field from `unknown`.
import {
  is_record,
  read_bool,
  read_number,
  read_number_list,
  read_string,
  type JsonRecord,
} from "./guards";

export interface ComponentConfig {
  id: number;
  type: string;
  props: JsonRecord;
  skip_api: boolean;
}

export interface LayoutNode {
  id: number;
  children: LayoutNode[] | null;
}

export type TriggerMode = "once" | "multiple" | "always_last";
export type ShowProgress = "full" | "minimal" | "hidden";

export interface Dependency {
  id: number;
  targets: [number | null, string][];
  inputs: number[];
  outputs: number[];
  backend_fn: boolean;
  js: string | null;
  queue: boolean;
  api_name: string | null;
  show_progress: ShowProgress;
  /** Components that show this dep's progress instead of its outputs. */
  show_progress_on: number[] | null;
  trigger_after: number | null;
  trigger_only_on_success: boolean;
  trigger_only_on_failure: boolean;
  trigger_mode: TriggerMode;
  cancels: number[];
  is_generator: boolean;
}

export interface AppConfig {
  components: ComponentConfig[];
  layout: LayoutNode;
  dependencies: Dependency[];
  /** Absolute base URL of the app, without a trailing slash. */
  root: string;
  api_prefix: string;
  title: string;
  css: string | null;
  connect_heartbeat: boolean;
  theme: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

function parse_component(raw: unknown): ComponentConfig | null {
  if (!is_record(raw)) return null;
  const id = read_number(raw, "id");
  const type = read_string(raw, "type");
  if (id === null || type === null) return null;
  return {
    id,
    type: type.toLowerCase(),
    props: is_record(raw.props) ? raw.props : {},
    skip_api: read_bool(raw, "skip_api", false),
  };
}

function parse_layout(raw: unknown, depth = 0): LayoutNode | null {
  if (!is_record(raw) || depth > 200) return null;
  const id = read_number(raw, "id");
  if (id === null) return null;
  const children = Array.isArray(raw.children)
    ? raw.children
        .map((child) => parse_layout(child, depth + 1))
        .filter((node): node is LayoutNode => node !== null)
    : null;
  return { id, children };
}

function parse_targets(raw: unknown): [number | null, string][] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((target): [number | null, string][] => {
    if (!Array.isArray(target)) return [];
    const [id, event] = target as unknown[];
    if (typeof event !== "string") return [];
    return [[typeof id === "number" ? id : null, event]];
  });
}

function one_of<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.find((item) => item === value) ?? fallback;
}

function parse_dependency(raw: unknown, index: number): Dependency | null {
  if (!is_record(raw)) return null;
  const types = is_record(raw.types) ? raw.types : {};
  return {
    id: read_number(raw, "id", index),
    targets: parse_targets(raw.targets),
    inputs: read_number_list(raw, "inputs"),
    outputs: read_number_list(raw, "outputs"),
    backend_fn: read_bool(raw, "backend_fn", true),
    js: read_string(raw, "js"),
    queue: read_bool(raw, "queue", true),
    api_name: read_string(raw, "api_name"),
    show_progress: one_of(raw.show_progress, ["full", "minimal", "hidden"] as const, "full"),
    show_progress_on: Array.isArray(raw.show_progress_on)
      ? read_number_list(raw, "show_progress_on")
      : null,
    trigger_after: read_number(raw, "trigger_after"),
    trigger_only_on_success: read_bool(raw, "trigger_only_on_success", false),
    trigger_only_on_failure: read_bool(raw, "trigger_only_on_failure", false),
    trigger_mode: one_of(raw.trigger_mode, ["once", "multiple", "always_last"] as const, "once"),
    cancels: read_number_list(raw, "cancels"),
    is_generator: read_bool(types, "generator", false),
  };
}

/** Strips one trailing slash so paths can be appended with a leading one. */
function trim_slash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}

/**
 * Checks a config from the wire. `page_url` is used when `root` is empty, and
 * `prefer_page_root` makes the page's own base win (the Vite dev proxy).
 */
export function parse_config(raw: unknown, page_url: string, prefer_page_root = false): AppConfig {
  if (!is_record(raw)) throw new ConfigError("the app config must be a JSON object");
  const layout = parse_layout(raw.layout) ?? { id: 0, children: [] };
  const components = Array.isArray(raw.components)
    ? raw.components.map(parse_component).filter((c): c is ComponentConfig => c !== null)
    : [];
  const dependencies = Array.isArray(raw.dependencies)
    ? raw.dependencies.map(parse_dependency).filter((d): d is Dependency => d !== null)
    : [];
  const given_root = read_string(raw, "root", "");
  const page_root = new URL(".", page_url).href;
  const css = read_string(raw, "css");
  return {
    components,
    layout,
    dependencies,
    root: trim_slash(prefer_page_root || !given_root ? page_root : given_root),
    api_prefix: trim_slash(read_string(raw, "api_prefix", "/gradio_api")),
    title: read_string(raw, "title", "gradiate"),
    css: css && css.trim() ? css : null,
    connect_heartbeat: read_bool(raw, "connect_heartbeat", false),
    theme: read_string(raw, "theme", "default"),
  };
}
