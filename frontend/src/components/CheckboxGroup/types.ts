import { json_equal, type Choice } from "../../runtime/guards";

/** The selected values in the order of `choices` after toggling `choice`. */
export function toggle(
  selected: unknown[],
  choices: readonly Choice[],
  choice: unknown,
  on: boolean,
): unknown[] {
  const is_selected = (candidate: unknown): boolean =>
    candidate === choice ? on : selected.some((item) => json_equal(item, candidate));
  const ordered = choices.map(([, v]) => v).filter(is_selected);
  // Values that are not among the choices (set by the app) are kept at the end.
  const extra = selected.filter(
    (item) => !choices.some(([, v]) => json_equal(v, item)) && !json_equal(item, choice),
  );
  return [...ordered, ...extra];
}

export function to_list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === null || value === undefined ? [] : [value];
}
