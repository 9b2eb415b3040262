import { read_number, type JsonRecord } from "../../runtime/guards";

export interface SliderProps {
  minimum: number;
  maximum: number;
  step: number;
}

export function read_slider_props(raw: JsonRecord): SliderProps {
  const minimum = read_number(raw, "minimum", 0);
  const maximum = read_number(raw, "maximum", 100);
  const step = read_number(raw, "step", 1);
  return { minimum, maximum: Math.max(minimum, maximum), step: step > 0 ? step : 1 };
}

/** Keeps a typed value inside the slider's range. */
export function clamp(value: number, { minimum, maximum }: SliderProps): number {
  return Math.min(maximum, Math.max(minimum, value));
}

/** Decimal places of a number as written (`0.25` → 2), for rounding off float noise. */
function decimals(value: number): number {
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]);
  return text.split(".")[1]?.length ?? 0;
}

/**
 * The value a range input holds for `value`: in range, on the step grid that starts at
 * `minimum` (as the browser snaps it), without float noise (`0.1 + 0.2` → `0.3`).
 */
export function snap(value: number, p: SliderProps): number {
  // toFixed first: (1.25 - 0.1) / 0.1 is 11.4999…, which should round as 11.5 does.
  const steps = Math.round(Number(((clamp(value, p) - p.minimum) / p.step).toFixed(9)));
  const places = Math.max(decimals(p.minimum), decimals(p.step));
  const snapped = Number((p.minimum + steps * p.step).toFixed(Math.min(places, 20)));
  // The last step can overshoot a maximum that is off the grid; the browser stays below it.
  return snapped > p.maximum ? Number((snapped - p.step).toFixed(Math.min(places, 20))) : snapped;
}
