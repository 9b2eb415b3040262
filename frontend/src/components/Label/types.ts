import { is_record, read_number, read_string } from "../../runtime/guards";

export interface Confidence {
  label: string;
  confidence: number;
}

export interface LabelValue {
  label: string | null;
  confidences: Confidence[];
}

export function read_label_value(value: unknown): LabelValue | null {
  if (typeof value === "string" || typeof value === "number") {
    return { label: String(value), confidences: [] };
  }
  if (!is_record(value)) return null;
  const confidences = Array.isArray(value.confidences)
    ? value.confidences.filter(is_record).map((item) => ({
        label: read_string(item, "label") ?? String(item.label ?? ""),
        confidence: read_number(item, "confidence", 0),
      }))
    : [];
  const label = value.label === null || value.label === undefined ? null : String(value.label);
  return { label, confidences };
}
