// A scripted stand-in for the queue endpoints, used through the client's injected fetch.
import type { FetchFn } from "../runtime/client";
import { is_record, type JsonRecord } from "../runtime/guards";

export type Script = (join: JsonRecord, event_id: string) => JsonRecord[] | Promise<JsonRecord[]>;

const encoder = new TextEncoder();

/** Frames `messages` as the server does (`data: <json>\n\n`). */
export function sse(messages: unknown[]): string {
  return messages.map((message) => `data: ${JSON.stringify(message)}\n\n`).join("");
}

export function completed(event_id: string, data: unknown[]): JsonRecord {
  return { msg: "process_completed", event_id, output: { data }, success: true };
}

export class FakeServer {
  readonly requests: { url: string; body: unknown }[] = [];
  readonly joins: JsonRecord[] = [];
  readonly cancels: JsonRecord[] = [];
  streams_opened = 0;
  #script: Script;
  #next_id = 1;
  #pending = 0;
  #queue: JsonRecord[] = [];
  #wake: (() => void) | null = null;

  constructor(script: Script) {
    this.#script = script;
  }

  readonly fetch: FetchFn = async (url, init) => {
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : null;
    this.requests.push({ url, body });
    if (url.endsWith("/queue/join") && is_record(body)) return this.#join(body);
    if (url.endsWith("/cancel") && is_record(body)) {
      this.cancels.push(body);
      return Response.json({ success: true });
    }
    if (url.includes("/queue/data")) return this.#stream();
    if (url.includes("/heartbeat/")) return new Response(new ReadableStream());
    return new Response("not found", { status: 404 });
  };

  #join(body: JsonRecord): Response {
    this.joins.push(body);
    const event_id = `ev${this.#next_id++}`;
    this.#pending++;
    void Promise.resolve(this.#script(body, event_id)).then((messages) => {
      this.#pending--;
      this.#queue.push(...messages);
      this.#wake?.();
    });
    return Response.json({ event_id });
  }

  #stream(): Response {
    this.streams_opened++;
    const stream = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        while (this.#queue.length === 0 && this.#pending > 0) {
          await new Promise<void>((resolve) => (this.#wake = resolve));
        }
        const message = this.#queue.shift();
        if (message) {
          controller.enqueue(encoder.encode(sse([message])));
          return;
        }
        controller.enqueue(encoder.encode(sse([{ msg: "close_stream", event_id: null }])));
        controller.close();
      },
    });
    return new Response(stream, { headers: { "content-type": "text/event-stream" } });
  }
}

/** A promise with its resolver, to hold an event open until a test lets it finish. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
