// @vitest-environment node
import { describe, expect, it } from "vitest";
import { QueueClient, type FetchFn } from "./client";
import type { EventMessage } from "./messages";
import { completed, deferred, sse } from "../test_utils/fake_server";

const encoder = new TextEncoder();

/** A stream that sends `messages`, then breaks as a connection cut by a dying server. */
function dropping_stream(messages: unknown[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(sse(messages)));
      setTimeout(() => controller.error(new TypeError("network error")), 5);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

/** A fetch whose n-th queue/data request is answered by `streams[n]`, the join with `e1`. */
function scripted(streams: (() => Response | Promise<Response>)[]): {
  fetch: FetchFn;
  data_urls: string[];
  data_times: number[];
} {
  const data_urls: string[] = [];
  const data_times: number[] = [];
  const fetch: FetchFn = async (url) => {
    if (url.endsWith("/queue/join")) return Response.json({ event_id: "e1" });
    data_urls.push(url);
    data_times.push(performance.now());
    const next = streams[data_urls.length - 1] ?? streams[streams.length - 1];
    if (!next) throw new Error("no script");
    return next();
  };
  return { fetch, data_urls, data_times };
}

function run_until_end(): {
  messages: EventMessage[];
  handler: (m: EventMessage) => void;
  done: Promise<void>;
} {
  const messages: EventMessage[] = [];
  const end = deferred<void>();
  return {
    messages,
    done: end.promise,
    handler: (message) => {
      messages.push(message);
      if (message.kind === "completed" || message.kind === "failed") end.resolve();
    },
  };
}

const refused = (): never => {
  throw new TypeError("fetch failed");
};

describe("QueueClient reconnects a dropped stream while events are pending", () => {
  it("reopens it with the same session and still gets the result", async () => {
    const server = scripted([
      () => dropping_stream([{ msg: "process_starts", event_id: "e1", eta: null }]),
      refused,
      () => new Response(sse([completed("e1", ["kept"]), { msg: "close_stream", event_id: null }])),
    ]);
    const client = new QueueClient("", "/gradio_api", server.fetch, "session0001", 1);
    const run = run_until_end();
    await client.join(0, ["kept"], null, run.handler);
    await run.done;
    expect(run.messages.map((m) => m.kind)).toEqual(["process_starts", "completed"]);
    expect(run.messages[1]).toEqual({ kind: "completed", data: ["kept"] });
    expect(server.data_urls).toHaveLength(3);
    expect(new Set(server.data_urls)).toEqual(
      new Set(["/gradio_api/queue/data?session_hash=session0001"]),
    );
  });

  it("waits 0.5 s, then twice as long each time, and gives up after five tries", async () => {
    const server = scripted([refused]);
    const base_ms = 20; // the default is 500; the doubling is what is checked here
    const client = new QueueClient("", "/gradio_api", server.fetch, "session0002", base_ms);
    const run = run_until_end();
    await client.join(0, [], null, run.handler);
    await run.done;
    expect(server.data_urls).toHaveLength(6); // the first try and five reconnects
    const gaps = server.data_times.slice(1).map((time, i) => time - (server.data_times[i] ?? 0));
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(base_ms * 2 ** i - 2));
    const failure = run.messages[0];
    expect(failure?.kind).toBe("failed");
    if (failure?.kind === "failed") expect(failure.toast.message).toMatch(/Lost the connection/);
  });

  it("keeps trying through a proxy's 502 until a server answers", async () => {
    const server = scripted([
      () => new Response("bad gateway", { status: 502 }),
      () => new Response(sse([completed("e1", [1]), { msg: "close_stream", event_id: null }])),
    ]);
    const client = new QueueClient("", "/gradio_api", server.fetch, "session0003", 1);
    const run = run_until_end();
    await client.join(0, [], null, run.handler);
    await run.done;
    expect(run.messages[0]).toEqual({ kind: "completed", data: [1] });
  });

  it("does not retry a stream the server refuses", async () => {
    const server = scripted([() => new Response("no such session", { status: 404 })]);
    const client = new QueueClient("", "/gradio_api", server.fetch, "session0004", 1);
    const run = run_until_end();
    await client.join(0, [], null, run.handler);
    await run.done;
    expect(server.data_urls).toHaveLength(1);
    expect(run.messages[0]?.kind).toBe("failed");
  });
});
