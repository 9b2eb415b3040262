// Contracts between the runtime and the component modules.
import type { Component } from "svelte";
import type { JsonRecord } from "./guards";
import type { ProgressUnit } from "./messages";

/** What a pending output shows while its dependency runs. */
export interface PendingStatus {
  mode: "full" | "minimal";
  /** "streaming": a generator has sent output; the value stays visible. */
  phase: "queued" | "running" | "streaming";
  rank: number | null;
  queue_size: number | null;
  /** Seconds the server expects, when it knows. */
  eta: number | null;
  /** `performance.now()` when the run was queued. */
  started_ms: number;
  progress: ProgressUnit[];
}

/** How a component talks back to the runtime. */
export interface Gradio {
  /** A user edit: sets the value, then fires `input` and (when it changed) `change`. */
  input(value: unknown): void;
  /** Fires a named event (`click`, `submit`, `blur`, `select`, …). */
  emit(event: string, data?: unknown): void;
}

/** Props every component module receives from the runtime. */
export interface ComponentProps {
  /** The component's props from the config (and later updates), unchecked. */
  props: JsonRecord;
  value: unknown;
  interactive: boolean;
  status: PendingStatus | null;
  gradio: Gradio;
}

export type ComponentModule = { default: Component<ComponentProps> };
export type ComponentLoader = () => Promise<ComponentModule>;
