import { read_number, type JsonRecord } from "../../runtime/guards";

export interface NumberProps {
  minimum: number | null;
  maximum: number | null;
  step: number;
  precision: number | null;
  placeholder: string | null;
}

export function read_number_props(raw: JsonRecord): NumberProps {
  return {
    minimum: read_number(raw, "minimum"),
    maximum: read_number(raw, "maximum"),
    step: read_number(raw, "step", 1),
    precision: read_number(raw, "precision"),
    placeholder: typeof raw.placeholder === "string" ? raw.placeholder : null,
  };
}

export function to_number(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return null;
}

/** Rounds to `precision` decimals (Gradio's `precision`); null leaves it as is. */
export function round_to(value: number, precision: number | null): number {
  if (precision === null) return value;
  const factor = 10 ** precision;
  return Math.round(value * factor) / factor;
}
