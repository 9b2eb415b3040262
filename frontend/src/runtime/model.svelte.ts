// Reactive state of one component instance.
import type { ComponentConfig } from "./config";
import { read_bool, type JsonRecord } from "./guards";
import type { PendingStatus } from "./types";

export class ComponentModel {
  readonly id: number;
  readonly type: string;
  /** True when some dependency reads this component. */
  readonly is_input: boolean;
  props: JsonRecord = $state.raw({});
  value: unknown = $state.raw(null);
  status: PendingStatus | null = $state.raw(null);

  constructor(config: ComponentConfig, is_input: boolean) {
    this.id = config.id;
    this.type = config.type;
    this.is_input = is_input;
    const { value = null, ...props } = config.props;
    this.props = props;
    this.value = value;
  }

  /** An explicit `interactive` prop wins; otherwise inputs are editable and the rest static. */
  get interactive(): boolean {
    return read_bool(this.props, "interactive") ?? this.is_input;
  }
}
