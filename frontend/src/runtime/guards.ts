// Checks for data that arrives from the wire as `unknown`.

export type JsonRecord = Record<string, unknown>;

export function is_record(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function read_string(raw: JsonRecord, key: string): string | null;
export function read_string(raw: JsonRecord, key: string, fallback: string): string;
export function read_string(raw: JsonRecord, key: string, fallback: string | null = null) {
  const value = raw[key];
  return typeof value === "string" ? value : fallback;
}

export function read_number(raw: JsonRecord, key: string): number | null;
export function read_number(raw: JsonRecord, key: string, fallback: number): number;
export function read_number(raw: JsonRecord, key: string, fallback: number | null = null) {
  const value = raw[key];
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

export function read_bool(raw: JsonRecord, key: string): boolean | null;
export function read_bool(raw: JsonRecord, key: string, fallback: boolean): boolean;
export function read_bool(raw: JsonRecord, key: string, fallback: boolean | null = null) {
  const value = raw[key];
  return typeof value === "boolean" ? value : fallback;
}

/** Gradio's `visible`: `false` and `"hidden"` (kept in the page, not shown) both hide. */
export function is_shown(raw: JsonRecord): boolean {
  return raw.visible !== false && raw.visible !== "hidden";
}

/** A CSS size from the wire: a number is pixels, a string is used as written. */
export function read_size(raw: JsonRecord, key: string): string | null {
  const value = raw[key];
  if (typeof value === "number" && Number.isFinite(value)) return `${value}px`;
  return typeof value === "string" && value.trim() ? value : null;
}

export function read_string_list(raw: JsonRecord, key: string): string[] {
  const value = raw[key];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}

export function read_number_list(raw: JsonRecord, key: string): number[] {
  const value = raw[key];
  return Array.isArray(value)
    ? value.filter((item): item is number => typeof item === "number")
    : [];
}

/** A choice as Gradio 6 emits it: `[display_name, value]`. */
export type Choice = readonly [string, unknown];

/** Reads `choices`; bare values are accepted and shown as their own text. */
export function read_choices(raw: JsonRecord, key = "choices"): Choice[] {
  const value = raw[key];
  if (!Array.isArray(value)) return [];
  return value.map((item): Choice => {
    if (Array.isArray(item) && item.length >= 2) return [display_text(item[0]), item[1]];
    return [display_text(item), item];
  });
}

/** Text for a value shown to the user; never HTML. */
export function display_text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Structural equality for JSON values (used to decide whether `change` fires). */
export function json_equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) && a.length === b.length && a.every((item, i) => json_equal(item, b[i]))
    );
  }
  if (is_record(a) && is_record(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => key in b && json_equal(a[key], b[key]))
    );
  }
  return false;
}
