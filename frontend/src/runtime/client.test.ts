// @vitest-environment node
import { describe, expect, it } from "vitest";
import { JoinError, make_session_hash, QueueClient } from "./client";
import type { EventMessage } from "./messages";
import { completed, deferred, FakeServer, sse } from "../test_utils/fake_server";

function wait_for_end(): {
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

describe("make_session_hash", () => {
  it("makes 11 lower-case alphanumerics, different each time", () => {
    const hash = make_session_hash();
    expect(hash).toMatch(/^[a-z0-9]{11}$/);
    expect(make_session_hash()).not.toBe(hash);
  });
});

describe("QueueClient", () => {
  it("joins with Gradio's body and routes the stream's messages to the event", async () => {
    const server = new FakeServer((_join, id) => [
      { msg: "estimation", event_id: id, rank: 0, queue_size: 1, rank_eta: null },
      { msg: "process_starts", event_id: id, eta: null },
      completed(id, ["Hello"]),
    ]);
    const client = new QueueClient("http://x", "/gradio_api", server.fetch, "abcdefghijk");
    const run = wait_for_end();
    const event_id = await client.join(3, ["Ann"], 7, run.handler);
    await run.done;

    expect(event_id).toBe("ev1");
    expect(server.requests[0]?.url).toBe("http://x/gradio_api/queue/join");
    expect(server.joins[0]).toEqual({
      data: ["Ann"],
      event_data: null,
      fn_index: 3,
      trigger_id: 7,
      session_hash: "abcdefghijk",
    });
    expect(server.requests[1]?.url).toBe("http://x/gradio_api/queue/data?session_hash=abcdefghijk");
    expect(run.messages.map((m) => m.kind)).toEqual(["estimation", "process_starts", "completed"]);
    expect(run.messages[2]).toEqual({ kind: "completed", data: ["Hello"] });
  });

  it("shares one stream between concurrent events and reopens it for the next join", async () => {
    const gate = deferred<void>();
    const server = new FakeServer(async (join, id) => {
      if (join.fn_index === 0) await gate.promise;
      return [completed(id, [join.fn_index])];
    });
    const client = new QueueClient("", "/gradio_api", server.fetch);
    const first = wait_for_end();
    const second = wait_for_end();
    await client.join(0, [], null, first.handler);
    await client.join(1, [], null, second.handler);
    await second.done;
    gate.resolve();
    await first.done;
    expect(server.streams_opened).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 0));
    const third = wait_for_end();
    await client.join(2, [], null, third.handler);
    await third.done;
    expect(server.streams_opened).toBe(2);
    expect(third.messages[0]).toEqual({ kind: "completed", data: [2] });
  });

  it("reports a failed event with its message, title and duration", async () => {
    const server = new FakeServer((_join, id) => [
      {
        msg: "process_completed",
        event_id: id,
        output: { error: "bad input", duration: 3, visible: true, title: "Oops" },
        success: false,
        title: "Oops",
      },
    ]);
    const client = new QueueClient("", "/gradio_api", server.fetch);
    const run = wait_for_end();
    await client.join(0, [], null, run.handler);
    await run.done;
    expect(run.messages[0]).toEqual({
      kind: "failed",
      toast: { level: "error", title: "Oops", message: "bad input", duration: 3, visible: true },
    });
  });

  it("turns a hidden server error into a generic message", async () => {
    const server = new FakeServer((_join, id) => [
      {
        msg: "process_completed",
        event_id: id,
        output: { error: null },
        success: false,
        title: "Error",
      },
    ]);
    const client = new QueueClient("", "/gradio_api", server.fetch);
    const run = wait_for_end();
    await client.join(0, [], null, run.handler);
    await run.done;
    const message = run.messages[0];
    expect(message?.kind).toBe("failed");
    if (message?.kind === "failed") expect(message.toast.message).toMatch(/error/i);
  });

  it("throws the server's detail when the join is refused", async () => {
    const fetch_fn = async (): Promise<Response> =>
      Response.json({ detail: [{ message: "x must be positive" }] }, { status: 422 });
    const client = new QueueClient("", "/gradio_api", fetch_fn);
    await expect(client.join(0, [], null, () => {})).rejects.toThrow(
      new JoinError("x must be positive"),
    );
  });

  it("fails pending events when the session is unknown to the server", async () => {
    const frames = sse([
      { msg: "unexpected_error", event_id: null, message: "404: Not Found", success: false },
    ]);
    const fetch_fn = async (url: string): Promise<Response> =>
      url.endsWith("/queue/join") ? Response.json({ event_id: "e1" }) : new Response(frames);
    const client = new QueueClient("", "/gradio_api", fetch_fn);
    const run = wait_for_end();
    await client.join(0, [], null, run.handler);
    await run.done;
    expect(run.messages[0]?.kind).toBe("failed");
  });

  it("posts cancel with the event, session and fn_index", async () => {
    const server = new FakeServer(() => []);
    const client = new QueueClient("", "/gradio_api", server.fetch, "sess");
    await client.cancel(4, "ev9");
    expect(server.cancels).toEqual([{ event_id: "ev9", session_hash: "sess", fn_index: 4 }]);
  });
});
