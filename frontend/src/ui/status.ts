// Text for a pending output: "queue: 2/5 | 1.2s", "processing | 1.2/3.0s", "working 1/3 steps".
import type { ProgressUnit } from "../runtime/messages";
import type { PendingStatus } from "../runtime/types";

export interface StatusText {
  /** Shown on the output (changes every tick). */
  visible: string;
  /** For screen readers: changes only when the phase or position changes. */
  announce: string;
}

function describe_unit(unit: ProgressUnit): string {
  const desc = unit.desc ? `${unit.desc} ` : "";
  if (unit.index !== null && unit.length !== null) {
    return `${desc}${unit.index}/${unit.length} ${unit.unit}`.trim();
  }
  if (unit.progress !== null) return `${desc}${Math.round(unit.progress * 100)}%`;
  if (unit.index !== null) return `${desc}${unit.index} ${unit.unit}`.trim();
  return desc.trim();
}

export function progress_fraction(progress: ProgressUnit[]): number | null {
  const unit = progress[progress.length - 1];
  if (!unit) return null;
  if (unit.index !== null && unit.length) return Math.min(1, Math.max(0, unit.index / unit.length));
  if (unit.progress !== null) return Math.min(1, Math.max(0, unit.progress));
  return null;
}

export function describe_status(status: PendingStatus, now_ms: number): StatusText {
  const elapsed = Math.max(0, (now_ms - status.started_ms) / 1000);
  const time =
    status.eta !== null
      ? `${elapsed.toFixed(1)}/${status.eta.toFixed(1)}s`
      : `${elapsed.toFixed(1)}s`;
  const progress = status.progress.map(describe_unit).filter(Boolean).join(", ");
  if (status.phase === "queued" && status.rank !== null && status.queue_size !== null) {
    const position = `${status.rank + 1}/${status.queue_size}`;
    return { visible: `queue: ${position} | ${time}`, announce: `Queued, position ${position}` };
  }
  if (progress) return { visible: `${progress} | ${time}`, announce: progress };
  if (status.phase === "queued") return { visible: `queued | ${time}`, announce: "Queued" };
  if (status.phase === "streaming") return { visible: time, announce: "Streaming" };
  return { visible: `processing | ${time}`, announce: "Processing" };
}
