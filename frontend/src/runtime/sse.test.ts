// @vitest-environment node
import { describe, expect, it } from "vitest";
import { read_sse, SseParser } from "./sse";

function stream_of(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const data of read_sse(body)) out.push(data);
  return out;
}

describe("SseParser", () => {
  it("splits frames and keeps partial ones for the next chunk", () => {
    const parser = new SseParser();
    expect(parser.push('data: {"a":1}\n\ndata: {"b"')).toEqual(['{"a":1}']);
    expect(parser.push(":2}\n\n")).toEqual(['{"b":2}']);
  });

  it("handles CRLF, CR, comments, other fields and multi-line data", () => {
    const parser = new SseParser();
    const events = parser.push(
      ": ping\r\nevent: x\r\ndata: one\r\ndata: two\r\n\r\ndata:three\r\r\n",
    );
    expect(events).toEqual(["one\ntwo", "three"]);
  });

  it("waits when a chunk ends between \\r and \\n", () => {
    const parser = new SseParser();
    expect(parser.push("data: x\r")).toEqual([]);
    expect(parser.push("\n\r\n")).toEqual(["x"]);
  });

  it("delivers an unterminated last event at the end", () => {
    const parser = new SseParser();
    expect(parser.push("data: last")).toEqual([]);
    expect(parser.finish()).toEqual(["last"]);
  });
});

describe("read_sse", () => {
  it("decodes UTF-8 split across chunks", async () => {
    const bytes = new TextEncoder().encode('data: "héllo ✓"\n\n');
    const encoder_stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8));
        controller.enqueue(bytes.slice(8));
        controller.close();
      },
    });
    expect(await collect(encoder_stream)).toEqual(['"héllo ✓"']);
  });

  it("yields every frame of a stream", async () => {
    expect(await collect(stream_of(["data: 1\n\n", "data: 2\n", "\n"]))).toEqual(["1", "2"]);
  });
});
