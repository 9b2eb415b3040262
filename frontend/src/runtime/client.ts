// The queue protocol client (PROTOCOL.md §4, §7): join, one SSE stream per session, cancel, heartbeat.
import { is_record, read_string, type JsonRecord } from "./guards";
import { error_toast, parse_event_message, type EventMessage } from "./messages";
import { read_sse } from "./sse";

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;
export type EventHandler = (message: EventMessage) => void;

const SESSION_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A random 11-character session hash, as Gradio's browser client makes one. */
export function make_session_hash(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(11));
  return Array.from(bytes, (byte) => SESSION_ALPHABET[byte % SESSION_ALPHABET.length]).join("");
}

export class JoinError extends Error {
  override name = "JoinError";
}

/** Reads the readable part of an error response (`detail` as Gradio sends it). */
async function error_detail(response: Response): Promise<string> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return `${response.status} ${response.statusText}`.trim();
  }
  const detail = is_record(body) ? body.detail : null;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    const messages = detail.filter(is_record).map((item) => read_string(item, "message", ""));
    if (messages.some(Boolean)) return messages.filter(Boolean).join("\n");
  }
  return response.status === 503 ? "The queue is full. Try again later." : `${response.status}`;
}

/** Stream restarts allowed while events are pending and no message arrived. */
const MAX_IDLE_REOPENS = 3;
/**
 * Reconnects after a dropped or failed stream while events are pending (a front process
 * died: the proxy sends the next request to another), waiting 0.5 s, 1 s, 2 s… between.
 */
const MAX_RECONNECTS = 5;
const RECONNECT_BASE_MS = 500;

/** The server answered the stream request with a refusal that retrying will not change. */
class StreamRefused extends Error {}
const HEARTBEAT_MAX_BACKOFF_MS = 30_000;

export class QueueClient {
  readonly session_hash: string;
  #api: string;
  #fetch: FetchFn;
  #handlers = new Map<string, EventHandler>();
  /** Messages that arrived before their join answered. */
  #early = new Map<string, JsonRecord[]>();
  #is_streaming = false;
  #closed = new AbortController();
  #reconnect_base_ms: number;

  constructor(
    root: string,
    api_prefix: string,
    fetch_fn: FetchFn,
    session_hash = make_session_hash(),
    reconnect_base_ms = RECONNECT_BASE_MS,
  ) {
    this.#api = root + api_prefix;
    this.#fetch = fetch_fn;
    this.session_hash = session_hash;
    this.#reconnect_base_ms = reconnect_base_ms;
  }

  /**
   * Queues one run of dependency `fn_index`; `on_message` gets every message of the event.
   * `event_data` is what the trigger carried (the function's `gr.EventData`), or null.
   */
  async join(
    fn_index: number,
    data: unknown[],
    trigger_id: number | null,
    on_message: EventHandler,
    event_data: unknown = null,
  ): Promise<string> {
    const response = await this.#fetch(`${this.#api}/queue/join`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        data,
        event_data,
        fn_index,
        trigger_id,
        session_hash: this.session_hash,
      }),
      signal: this.#closed.signal,
    });
    if (!response.ok) throw new JoinError(await error_detail(response));
    const body: unknown = await response.json();
    const event_id = is_record(body) ? read_string(body, "event_id") : null;
    if (event_id === null) throw new JoinError("the server answered the join without an event_id");
    this.#handlers.set(event_id, on_message);
    for (const raw of this.#early.get(event_id) ?? []) this.#route(raw);
    this.#early.delete(event_id);
    if (!this.#is_streaming) {
      this.#is_streaming = true;
      void this.#run_stream();
    }
    return event_id;
  }

  /** Asks the server to stop one event; the server then completes it. */
  async cancel(fn_index: number, event_id: string): Promise<void> {
    await this.#fetch(`${this.#api}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event_id, session_hash: this.session_hash, fn_index }),
    });
  }

  /** Keeps the heartbeat stream open (reconnecting with backoff) until close(). */
  start_heartbeat(): void {
    void this.#heartbeat_loop();
  }

  /** Ends the heartbeat and any open stream. */
  close(): void {
    this.#closed.abort();
  }

  async #heartbeat_loop(): Promise<void> {
    let backoff_ms = 1000;
    while (!this.#closed.signal.aborted) {
      try {
        const response = await this.#fetch(`${this.#api}/heartbeat/${this.session_hash}`, {
          signal: this.#closed.signal,
        });
        if (!response.ok && response.status < 500 && response.status !== 429) return;
        if (response.body) for await (const _frame of read_sse(response.body)) backoff_ms = 1000;
      } catch {
        if (this.#closed.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, backoff_ms));
      backoff_ms = Math.min(backoff_ms * 2, HEARTBEAT_MAX_BACKOFF_MS);
    }
  }

  async #run_stream(): Promise<void> {
    let idle_reopens = 0;
    let failures = 0;
    try {
      // The loop test and the flag reset run in one tick, so a join that lands
      // while the stream winds down always finds `#is_streaming` accurate.
      while (this.#handlers.size > 0 && !this.#closed.signal.aborted) {
        const progress = { received: false };
        try {
          await this.#read_stream_once(progress);
        } catch (error) {
          if (this.#closed.signal.aborted) return;
          // The same session_hash again: the server kept the events' messages for it.
          if (progress.received) failures = 0;
          if (error instanceof StreamRefused || failures >= MAX_RECONNECTS) {
            this.#fail_all(`Lost the connection to the server (${String(error)}).`);
            return;
          }
          await new Promise((resolve) =>
            setTimeout(resolve, this.#reconnect_base_ms * 2 ** failures),
          );
          failures += 1;
          continue;
        }
        failures = 0;
        const received = progress.received;
        idle_reopens = received ? 0 : idle_reopens + 1;
        if (idle_reopens > MAX_IDLE_REOPENS) {
          this.#fail_all("The server closed the event stream before the events finished.");
          return;
        }
      }
    } finally {
      this.#is_streaming = false;
    }
  }

  /** Reads one stream until it ends; `progress.received` once it carried an event message. */
  async #read_stream_once(progress: { received: boolean }): Promise<void> {
    const url = `${this.#api}/queue/data?session_hash=${encodeURIComponent(this.session_hash)}`;
    const response = await this.#fetch(url, {
      headers: { accept: "text/event-stream" },
      signal: this.#closed.signal,
    });
    if (!response.ok || !response.body) {
      const status = response.status;
      const text = `queue/data answered ${status}`;
      // 5xx (a proxy with no front to reach) and 429 may pass; other refusals will not.
      throw status >= 500 || status === 429 || response.ok
        ? new Error(text)
        : new StreamRefused(text);
    }
    for await (const data of read_sse(response.body)) {
      let raw: unknown;
      try {
        raw = JSON.parse(data);
      } catch {
        continue;
      }
      if (!is_record(raw)) continue;
      if (raw.msg === "close_stream") break;
      if (raw.msg === "heartbeat") continue;
      if (raw.msg === "unexpected_error" && typeof raw.event_id !== "string") {
        this.#fail_all(read_string(raw, "message", "The server reported an unexpected error."));
        break;
      }
      progress.received = true;
      this.#route(raw);
    }
  }

  #route(raw: JsonRecord): void {
    const event_id = raw.event_id;
    if (typeof event_id !== "string") return;
    const handler = this.#handlers.get(event_id);
    if (!handler) {
      const early = this.#early.get(event_id) ?? [];
      early.push(raw);
      this.#early.set(event_id, early);
      return;
    }
    const message = parse_event_message(raw);
    if (!message) return;
    if (message.kind === "completed" || message.kind === "failed") this.#handlers.delete(event_id);
    handler(message);
  }

  #fail_all(text: string): void {
    const handlers = [...this.#handlers.values()];
    this.#handlers.clear();
    for (const handler of handlers) handler({ kind: "failed", toast: error_toast(text) });
  }
}
