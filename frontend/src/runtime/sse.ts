// Server-sent events over fetch: Gradio frames are `data: <json>\n\n`.

/** Splits a text stream into SSE events and returns each event's data. */
export class SseParser {
  #buffer = "";
  #data: string[] = [];

  /** Feeds a chunk; returns the data of every event it completed. */
  push(chunk: string): string[] {
    this.#buffer += chunk;
    const events: string[] = [];
    let newline: number;
    while ((newline = this.#buffer.search(/\r\n|\r|\n/)) !== -1) {
      const line = this.#buffer.slice(0, newline);
      const eol_length = this.#buffer.startsWith("\r\n", newline) ? 2 : 1;
      // A lone \r at the chunk's end may be the first half of \r\n: wait for more.
      if (eol_length === 1 && this.#buffer[newline] === "\r" && newline === this.#buffer.length - 1)
        break;
      this.#buffer = this.#buffer.slice(newline + eol_length);
      this.#line(line, events);
    }
    return events;
  }

  /** Ends the stream: an unterminated last event is still delivered. */
  finish(): string[] {
    const events: string[] = [];
    if (this.#buffer) this.#line(this.#buffer, events);
    this.#buffer = "";
    this.#line("", events);
    return events;
  }

  #line(line: string, events: string[]): void {
    if (line === "") {
      if (this.#data.length > 0) events.push(this.#data.join("\n"));
      this.#data = [];
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.#data.push(value);
  }
}

/** Reads an SSE body and yields each event's data until the stream ends. */
export async function* read_sse(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    finished = true;
    yield* parser.push(decoder.decode());
    yield* parser.finish();
  } finally {
    // The consumer stopped early: close the connection rather than leave it open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
