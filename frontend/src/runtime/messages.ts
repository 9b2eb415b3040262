// Queue messages (PROTOCOL.md §4.2) checked into a typed union.
import { is_record, read_bool, read_number, read_string, type JsonRecord } from "./guards";

export interface ProgressUnit {
  index: number | null;
  length: number | null;
  unit: string;
  progress: number | null;
  desc: string | null;
}

export type LogLevel = "info" | "warning" | "success" | "error";

export interface ToastMessage {
  level: LogLevel;
  title: string;
  message: string;
  /** Seconds before it hides itself; null keeps it until dismissed. */
  duration: number | null;
  visible: boolean;
}

export type EventMessage =
  | { kind: "estimation"; rank: number | null; queue_size: number | null; rank_eta: number | null }
  | { kind: "process_starts"; eta: number | null }
  | { kind: "progress"; progress: ProgressUnit[] }
  | { kind: "log"; toast: ToastMessage }
  | { kind: "generating"; data: unknown[] }
  | { kind: "completed"; data: unknown[] }
  | { kind: "failed"; toast: ToastMessage };

/** Shown when the server hides the error (`show_error=False`). */
export const GENERIC_ERROR = "Error: the app raised an exception. See the server log for details.";

function parse_progress(raw: unknown): ProgressUnit[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(is_record).map((unit) => ({
    index: read_number(unit, "index"),
    length: read_number(unit, "length"),
    unit: read_string(unit, "unit", "steps"),
    progress: read_number(unit, "progress"),
    desc: read_string(unit, "desc"),
  }));
}

const LEVELS: readonly LogLevel[] = ["info", "warning", "success", "error"];

function default_title(level: LogLevel): string {
  return level.charAt(0).toUpperCase() + level.slice(1);
}

function parse_log(raw: JsonRecord): ToastMessage {
  const level = LEVELS.find((item) => item === raw.level) ?? "info";
  return {
    level,
    title: read_string(raw, "title") ?? default_title(level),
    message: read_string(raw, "log", ""),
    duration: read_number(raw, "duration"),
    visible: read_bool(raw, "visible", true),
  };
}

/** An error toast; a null message (hidden server error) becomes a generic text. */
export function error_toast(
  message: string | null,
  title: string | null = null,
  duration: number | null = null,
): ToastMessage {
  return {
    level: "error",
    title: title ?? "Error",
    message: message ?? GENERIC_ERROR,
    duration,
    visible: true,
  };
}

function parse_completed(raw: JsonRecord): EventMessage {
  const output = is_record(raw.output) ? raw.output : {};
  if (raw.success === false) {
    return {
      kind: "failed",
      toast: {
        ...error_toast(
          read_string(output, "error"),
          read_string(output, "title") ?? read_string(raw, "title"),
          read_number(output, "duration"),
        ),
        visible: read_bool(output, "visible", true),
      },
    };
  }
  // A cancelled event completes with `output: {}`: nothing to apply.
  return { kind: "completed", data: Array.isArray(output.data) ? output.data : [] };
}

/** Parses one per-event message; null for messages the browser has no use for. */
export function parse_event_message(raw: JsonRecord): EventMessage | null {
  switch (raw.msg) {
    case "estimation":
      return {
        kind: "estimation",
        rank: read_number(raw, "rank"),
        queue_size: read_number(raw, "queue_size"),
        rank_eta: read_number(raw, "rank_eta"),
      };
    case "process_starts":
      return { kind: "process_starts", eta: read_number(raw, "eta") };
    case "progress":
      return { kind: "progress", progress: parse_progress(raw.progress_data) };
    case "log":
      return { kind: "log", toast: parse_log(raw) };
    case "process_generating":
    case "process_streaming": {
      const output = is_record(raw.output) ? raw.output : {};
      return { kind: "generating", data: Array.isArray(output.data) ? output.data : [] };
    }
    case "process_completed":
      return parse_completed(raw);
    case "unexpected_error":
      return { kind: "failed", toast: error_toast(read_string(raw, "message")) };
    default:
      return null;
  }
}
