import {
  json_equal,
  read_bool,
  read_number,
  type Choice,
  type JsonRecord,
} from "../../runtime/guards";

export interface DropdownProps {
  multiselect: boolean;
  allow_custom_value: boolean;
  filterable: boolean;
  max_choices: number | null;
}

export function read_dropdown_props(raw: JsonRecord): DropdownProps {
  return {
    multiselect: read_bool(raw, "multiselect", false),
    allow_custom_value: read_bool(raw, "allow_custom_value", false),
    filterable: read_bool(raw, "filterable", true),
    max_choices: read_number(raw, "max_choices"),
  };
}

export function index_of(choices: readonly Choice[], value: unknown): number {
  return choices.findIndex(([, choice]) => json_equal(choice, value));
}

/** A typed text becomes the value of the choice displayed that way, else itself. */
export function value_for_text(choices: readonly Choice[], text: string): unknown {
  const match = choices.find(([display]) => display === text);
  return match ? match[1] : text;
}

/** The display text of a value (its choice's name, else the value itself). */
export function text_for_value(choices: readonly Choice[], value: unknown): string {
  const match = choices.find(([, choice]) => json_equal(choice, value));
  if (match) return match[0];
  return value === null || value === undefined ? "" : String(value);
}
