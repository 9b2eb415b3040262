// App state: components, toasts and the dispatch of dependencies.
import type { AppConfig, Dependency } from "./config";
import { QueueClient, type FetchFn } from "./client";
import { apply_diff, parse_edits } from "./diff";
import { is_record, json_equal } from "./guards";
import { compile_js_fn, call_js_fn, type JsFn } from "./js_fn";
import { error_toast, type EventMessage, type ToastMessage } from "./messages";
import { ComponentModel } from "./model.svelte";
import {
  COMPONENT_LOADERS,
  load_components,
  types_in_layout,
  type LoadedComponents,
} from "./registry";
import type { ComponentLoader, Gradio, PendingStatus } from "./types";

export type Outcome = "success" | "error" | "skipped";

export interface Toast extends ToastMessage {
  id: number;
}

interface Run {
  dep: Dependency;
  /** What the trigger carried (`gr.EventData`), sent as the join's `event_data`. */
  event_data: unknown;
  event_id: string | null;
  is_cancelled: boolean;
}

/** Where a trigger came from: the component id, or null for `load` and chains. */
type TriggerId = number | null;

export class AppState {
  readonly config: AppConfig;
  readonly components = new Map<number, ComponentModel>();
  readonly client: QueueClient;
  toasts: Toast[] = $state([]);
  /** Component modules the layout uses, loaded before the first render. */
  modules: LoadedComponents = new Map();
  #next_toast_id = 1;
  #deps_by_target = new Map<string, Dependency[]>();
  #deps_after = new Map<number, Dependency[]>();
  #deps_by_id = new Map<number, Dependency>();
  #js_fns = new Map<number, JsFn>();
  #running = new Map<number, Set<Run>>();
  /** always_last: the one trigger waiting for the current run to end. */
  #waiting = new Map<
    number,
    { trigger_id: TriggerId; event_data: unknown; resolve: (outcome: Outcome) => void }
  >();

  constructor(config: AppConfig, fetch_fn: FetchFn, session_hash?: string) {
    this.config = config;
    this.client = new QueueClient(config.root, config.api_prefix, fetch_fn, session_hash);
    const inputs = new Set(config.dependencies.flatMap((dep) => dep.inputs));
    const outputs = new Set(config.dependencies.flatMap((dep) => dep.outputs));
    for (const component of config.components) {
      const use = { is_input: inputs.has(component.id), is_output: outputs.has(component.id) };
      this.components.set(component.id, new ComponentModel(component, use));
    }
    for (const dep of config.dependencies) {
      this.#deps_by_id.set(dep.id, dep);
      if (dep.trigger_after !== null) {
        const list = this.#deps_after.get(dep.trigger_after) ?? [];
        list.push(dep);
        this.#deps_after.set(dep.trigger_after, list);
        continue;
      }
      for (const [id, event] of dep.targets) {
        if (id === null) continue;
        const key = `${id}:${event}`;
        const list = this.#deps_by_target.get(key) ?? [];
        list.push(dep);
        this.#deps_by_target.set(key, list);
      }
    }
  }

  /** Loads every component module the layout needs (in parallel). */
  async load_modules(
    loaders: Readonly<Record<string, ComponentLoader>> = COMPONENT_LOADERS,
  ): Promise<void> {
    const type_of = (id: number): string | undefined => this.components.get(id)?.type;
    this.modules = await load_components(types_in_layout(this.config.layout, type_of), loaders);
  }

  /** The handle a component uses to report user edits and events. */
  gradio_for(id: number): Gradio {
    return {
      input: (value) => {
        const changed = this.#store_value(id, value);
        void this.trigger(id, "input");
        if (changed) void this.trigger(id, "change");
      },
      emit: (event, data) => void this.trigger(id, event, data),
    };
  }

  /** Starts the app: heartbeat and `load` listeners. Resolves when the load deps end. */
  async start(): Promise<void> {
    if (this.config.connect_heartbeat) this.client.start_heartbeat();
    await this.trigger(0, "load");
  }

  /**
   * Runs every dependency listening to `event` on component `id` (and their `.then` chains).
   * `event_data` is what the event carried (a selection, a key), `null` for plain events.
   */
  async trigger(id: number, event: string, event_data: unknown = null): Promise<void> {
    const deps = this.#deps_by_target.get(`${id}:${event}`) ?? [];
    await Promise.all(deps.map((dep) => this.run(dep, id, event_data ?? null)));
  }

  /** Sets a value from outside a user edit (an output); fires `change` when it differs. */
  set_value(id: number, value: unknown): void {
    if (this.#store_value(id, value)) void this.trigger(id, "change");
  }

  /** Applies one output value: an update dict sets props (and maybe value), else the value. */
  apply_output(id: number, value: unknown): void {
    const model = this.components.get(id);
    if (!model) return;
    if (is_record(value) && value.__type__ === "update") {
      const { __type__: _type, value: new_value, ...props } = value;
      if (Object.keys(props).length > 0) model.props = { ...model.props, ...props };
      if ("value" in value && !(model.type === "state" && new_value === null)) {
        this.set_value(id, new_value);
      }
      return;
    }
    if (model.type === "state" && value === null) return;
    this.set_value(id, value);
  }

  push_toast(message: ToastMessage): void {
    if (!message.visible) return;
    const toast: Toast = { ...message, id: this.#next_toast_id++ };
    this.toasts = [...this.toasts, toast];
    if (message.duration !== null && message.duration > 0) {
      setTimeout(() => this.dismiss_toast(toast.id), message.duration * 1000);
    }
  }

  dismiss_toast(id: number): void {
    this.toasts = this.toasts.filter((toast) => toast.id !== id);
  }

  /** Runs one dependency, honouring its trigger_mode, then its `.then` chain. */
  async run(dep: Dependency, trigger_id: TriggerId, event_data: unknown = null): Promise<Outcome> {
    const is_busy = (this.#running.get(dep.id)?.size ?? 0) > 0;
    if (is_busy && dep.trigger_mode === "once") return "skipped";
    if (is_busy && dep.trigger_mode === "always_last") {
      // Only the newest waiting trigger survives; an older one resolves as skipped.
      this.#waiting.get(dep.id)?.resolve("skipped");
      return new Promise((resolve) =>
        this.#waiting.set(dep.id, { trigger_id, event_data, resolve }),
      );
    }
    const run: Run = { dep, event_data, event_id: null, is_cancelled: false };
    const runs = this.#running.get(dep.id) ?? new Set<Run>();
    runs.add(run);
    this.#running.set(dep.id, runs);
    let outcome: Outcome;
    try {
      this.#cancel_deps(dep.cancels);
      outcome = await this.#execute(run, trigger_id);
    } finally {
      runs.delete(run);
    }
    const waiting = this.#waiting.get(dep.id);
    const follow_ups: Promise<unknown>[] = [];
    if (waiting && runs.size === 0) {
      this.#waiting.delete(dep.id);
      follow_ups.push(this.run(dep, waiting.trigger_id, waiting.event_data).then(waiting.resolve));
    }
    for (const next of this.#deps_after.get(dep.id) ?? []) {
      if (next.trigger_only_on_success && outcome !== "success") continue;
      if (next.trigger_only_on_failure && outcome !== "error") continue;
      follow_ups.push(this.run(next, trigger_id));
    }
    await Promise.all(follow_ups);
    return outcome;
  }

  #store_value(id: number, value: unknown): boolean {
    const model = this.components.get(id);
    if (!model || json_equal(model.value, value)) return false;
    model.value = value;
    return true;
  }

  #input_values(dep: Dependency): unknown[] {
    // State lives on the server; the browser sends null in its slot.
    return dep.inputs.map((id) => {
      const model = this.components.get(id);
      return !model || model.type === "state" ? null : model.value;
    });
  }

  #cancel_deps(dep_ids: number[]): void {
    for (const dep_id of dep_ids) {
      for (const run of this.#running.get(dep_id) ?? []) {
        run.is_cancelled = true;
        if (run.event_id !== null) void this.client.cancel(dep_id, run.event_id).catch(() => {});
      }
      this.#waiting.get(dep_id)?.resolve("skipped");
      this.#waiting.delete(dep_id);
    }
  }

  async #execute(run: Run, trigger_id: TriggerId): Promise<Outcome> {
    const { dep } = run;
    let data = this.#input_values(dep);
    try {
      if (dep.js !== null) {
        const fn = this.#js_fns.get(dep.id) ?? compile_js_fn(dep.js);
        this.#js_fns.set(dep.id, fn);
        const slots = dep.backend_fn ? dep.inputs.length : dep.outputs.length;
        const result = await call_js_fn(fn, data, slots);
        if (!dep.backend_fn) {
          this.#apply_outputs(dep, result);
          return "success";
        }
        data = result;
      }
    } catch (error) {
      this.push_toast(error_toast(String(error instanceof Error ? error.message : error)));
      return "error";
    }
    if (!dep.backend_fn) return "success";
    return this.#run_backend(run, data, trigger_id);
  }

  #apply_outputs(dep: Dependency, values: unknown[]): void {
    dep.outputs.forEach((id, index) => {
      if (index < values.length) this.apply_output(id, values[index]);
    });
  }

  #status_targets(dep: Dependency): ComponentModel[] {
    if (dep.show_progress === "hidden") return [];
    const ids = dep.show_progress_on ?? dep.outputs;
    return ids.flatMap((id) => this.components.get(id) ?? []);
  }

  #set_status(dep: Dependency, update: Partial<PendingStatus> | null): void {
    for (const model of this.#status_targets(dep)) {
      if (update === null) model.status = null;
      else if (model.status) model.status = { ...model.status, ...update };
    }
  }

  async #run_backend(run: Run, data: unknown[], trigger_id: TriggerId): Promise<Outcome> {
    const { dep } = run;
    const mode = dep.show_progress === "minimal" ? "minimal" : "full";
    const started_ms = performance.now();
    for (const model of this.#status_targets(dep)) {
      model.status = {
        mode,
        phase: "queued",
        rank: null,
        queue_size: null,
        eta: null,
        started_ms,
        progress: [],
      };
    }
    let previous: unknown[] | null = null;
    try {
      return await new Promise<Outcome>((resolve, reject) => {
        const on_message = (message: EventMessage): void => {
          try {
            previous = this.#handle_message(dep, message, previous, resolve);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        };
        this.client.join(dep.id, data, trigger_id, on_message, run.event_data).then((event_id) => {
          run.event_id = event_id;
          if (run.is_cancelled) void this.client.cancel(dep.id, event_id).catch(() => {});
        }, reject);
      });
    } catch (error) {
      this.push_toast(error_toast(error instanceof Error ? error.message : String(error)));
      return "error";
    } finally {
      this.#set_status(dep, null);
    }
  }

  /** Applies one queue message; returns the raw output values the next diff builds on. */
  #handle_message(
    dep: Dependency,
    message: EventMessage,
    previous: unknown[] | null,
    resolve: (outcome: Outcome) => void,
  ): unknown[] | null {
    switch (message.kind) {
      case "estimation":
        this.#set_status(dep, {
          rank: message.rank,
          queue_size: message.queue_size,
          eta: message.rank_eta,
        });
        return previous;
      case "process_starts":
        this.#set_status(dep, { phase: "running", rank: null, eta: message.eta });
        return previous;
      case "progress":
        this.#set_status(dep, { phase: "running", progress: message.progress });
        return previous;
      case "log":
        this.push_toast(message.toast);
        return previous;
      case "generating": {
        const values =
          previous === null
            ? message.data
            : message.data.map((edits, i) => apply_diff(previous[i], parse_edits(edits)));
        this.#set_status(dep, { phase: "streaming" });
        this.#apply_outputs(dep, values);
        return values;
      }
      case "completed":
        this.#apply_outputs(dep, message.data);
        resolve("success");
        return null;
      case "failed":
        this.push_toast(message.toast);
        resolve("error");
        return null;
    }
  }
}
