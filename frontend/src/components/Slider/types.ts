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
