// Reactive state of one component instance.
import type { ComponentConfig } from "./config";
import { read_bool, type JsonRecord } from "./guards";
import type { PendingStatus } from "./types";

/** How a component is used by the app's dependencies. */
export interface ComponentUse {
  /** Some dependency reads it. */
  is_input: boolean;
  /** Some dependency writes it. */
  is_output: boolean;
}

/** Whether a config value counts as "no value" for the interactivity rule. */
function is_blank(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === "" ||
    value === 0 ||
    value === false ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Gradio's rule for `interactive=None`: an event input is editable; a component that is
 * only an output is static; one no event uses is editable while it holds no value (an
 * empty box is there to be filled) and static once it shows one.
 * `server/first_paint.py` applies the same rule.
 */
export function default_interactive(use: ComponentUse, initial_value: unknown): boolean {
  if (use.is_input) return true;
  if (use.is_output) return false;
  return is_blank(initial_value);
}

export class ComponentModel {
  readonly id: number;
  readonly type: string;
  /** Editable when the config leaves `interactive` unset (decided once, at load). */
  readonly #default_interactive: boolean;
  props: JsonRecord = $state.raw({});
  value: unknown = $state.raw(null);
  status: PendingStatus | null = $state.raw(null);

  constructor(config: ComponentConfig, use: ComponentUse) {
    this.id = config.id;
    this.type = config.type;
    const { value = null, ...props } = config.props;
    this.props = props;
    this.value = value;
    this.#default_interactive = default_interactive(use, value);
  }

  /** An explicit `interactive` prop (from the config or an update) wins over the rule. */
  get interactive(): boolean {
    return read_bool(this.props, "interactive") ?? this.#default_interactive;
  }
}
