// @vitest-environment node
import { describe, expect, it } from "vitest";
import { flushSync } from "svelte";
import { AppState } from "./app.svelte";
import { parse_config } from "./config";
import { completed, deferred, FakeServer, type Script } from "../test_utils/fake_server";

function make_app(raw: Record<string, unknown>, script: Script = (_j, id) => [completed(id, [])]) {
  const server = new FakeServer(script);
  const config = parse_config({ root: "http://app", ...raw }, "http://app/");
  return { app: new AppState(config, server.fetch, "session0001"), server };
}

const textboxes = [1, 2, 3].map((id) => ({ id, type: "textbox", props: { label: `t${id}` } }));

function dep(id: number, extra: Record<string, unknown>): Record<string, unknown> {
  return { id, targets: [], inputs: [], outputs: [], backend_fn: true, js: null, ...extra };
}

describe("AppState dispatch", () => {
  it("sends what the trigger carried as event_data, null for plain events and chains", async () => {
    const { app, server } = make_app({
      components: textboxes,
      dependencies: [
        dep(0, { targets: [[1, "select"]] }),
        dep(1, { targets: [[null, "then"]], trigger_after: 0 }),
        dep(2, { targets: [[1, "submit"]] }),
      ],
    });
    app.gradio_for(1).emit("select", { value: "b", index: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await app.trigger(1, "submit");
    expect(server.joins.map((join) => [join.fn_index, join.event_data])).toEqual([
      [0, { value: "b", index: 1 }],
      [1, null],
      [2, null],
    ]);
  });

  it("applies an update to a layout's props (a Column hidden and shown again)", async () => {
    let visible = false;
    const { app } = make_app(
      {
        components: [...textboxes, { id: 4, type: "column", props: { visible: true } }],
        dependencies: [dep(0, { targets: [[1, "click"]], outputs: [4] })],
      },
      (_join, id) => [completed(id, [{ __type__: "update", visible }])],
    );
    await app.trigger(1, "click");
    expect(app.components.get(4)?.props.visible).toBe(false);
    visible = true;
    await app.trigger(1, "click");
    expect(app.components.get(4)?.props.visible).toBe(true);
  });

  it("follows Gradio's interactivity rule when `interactive` is unset", () => {
    const { app } = make_app({
      components: [
        { id: 1, type: "textbox", props: {} },
        { id: 2, type: "textbox", props: { value: "shown" } },
        { id: 3, type: "textbox", props: { value: "read" } },
        { id: 4, type: "textbox", props: {} },
        { id: 5, type: "textbox", props: { value: "x", interactive: true } },
        { id: 6, type: "number", props: { value: 0 } },
      ],
      dependencies: [dep(0, { targets: [[3, "submit"]], inputs: [3], outputs: [4] })],
    });
    const editable = [1, 2, 3, 4, 5, 6].map((id) => app.components.get(id)?.interactive);
    // Unwired: editable while empty. Input: editable. Output only: static. Explicit wins.
    expect(editable).toEqual([true, false, true, false, true, true]);
  });

  it("sends input values, applies outputs and fires change on the outputs", async () => {
    const { app, server } = make_app(
      {
        components: textboxes,
        dependencies: [
          dep(0, { targets: [[1, "submit"]], inputs: [1], outputs: [2] }),
          dep(1, { targets: [[2, "change"]], inputs: [2], outputs: [3] }),
        ],
      },
      (join, id) => [completed(id, [`<${String((join.data as unknown[])[0])}>`])],
    );
    app.gradio_for(1).input("Ann");
    await app.trigger(1, "submit");
    expect(server.joins[0]).toMatchObject({ fn_index: 0, data: ["Ann"], trigger_id: 1 });
    expect(app.components.get(2)?.value).toBe("<Ann>");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.components.get(3)?.value).toBe("<<Ann>>");
  });

  it("runs .then after any outcome, .success only after success, failure chains after errors", async () => {
    const { app, server } = make_app(
      {
        components: textboxes,
        dependencies: [
          dep(0, { targets: [[1, "click"]] }),
          dep(1, { targets: [[null, "then"]], trigger_after: 0 }),
          dep(2, { targets: [[null, "success"]], trigger_after: 0, trigger_only_on_success: true }),
          dep(3, { targets: [[null, "failure"]], trigger_after: 0, trigger_only_on_failure: true }),
        ],
      },
      (join, id) =>
        join.fn_index === 0
          ? [{ msg: "process_completed", event_id: id, output: { error: "no" }, success: false }]
          : [completed(id, [])],
    );
    await app.trigger(1, "click");
    expect(server.joins.map((join) => join.fn_index)).toEqual([0, 1, 3]);
    expect(app.toasts.map((toast) => toast.message)).toEqual(["no"]);
  });

  it("ignores triggers while a 'once' dep runs and keeps only the last for 'always_last'", async () => {
    const gate = deferred<void>();
    const { app, server } = make_app(
      {
        components: textboxes,
        dependencies: [
          dep(0, { targets: [[1, "click"]], trigger_mode: "once" }),
          dep(1, { targets: [[2, "click"]], trigger_mode: "always_last", inputs: [2] }),
        ],
      },
      async (join, id) => {
        await gate.promise;
        return [completed(id, [])];
      },
    );
    const first = app.trigger(1, "click");
    await app.trigger(1, "click");
    app.set_value(2, "a");
    const last_a = app.trigger(2, "click");
    app.set_value(2, "b");
    const last_b = app.trigger(2, "click");
    app.set_value(2, "c");
    const last_c = app.trigger(2, "click");
    await new Promise((resolve) => setTimeout(resolve, 10));
    gate.resolve();
    await Promise.all([first, last_a, last_b, last_c]);
    expect(server.joins.filter((join) => join.fn_index === 0)).toHaveLength(1);
    // The running "a" finishes, "b" is dropped, then "c" runs once.
    expect(server.joins.filter((join) => join.fn_index === 1).map((join) => join.data)).toEqual([
      ["a"],
      ["c"],
    ]);
  });

  it("runs 'multiple' deps concurrently", async () => {
    const gate = deferred<void>();
    const { app, server } = make_app(
      {
        components: textboxes,
        dependencies: [dep(0, { targets: [[1, "click"]], trigger_mode: "multiple" })],
      },
      async (_join, id) => {
        await gate.promise;
        return [completed(id, [])];
      },
    );
    const runs = [app.trigger(1, "click"), app.trigger(1, "click")];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.joins).toHaveLength(2);
    gate.resolve();
    await Promise.all(runs);
  });

  it("runs a js-only dep locally (Clear) without calling the server", async () => {
    const { app, server } = make_app({
      components: [...textboxes, { id: 4, type: "slider", props: { value: 5 } }],
      dependencies: [
        dep(0, {
          targets: [[3, "click"]],
          outputs: [1, 4],
          backend_fn: false,
          js: "() => [null, 0]",
        }),
      ],
    });
    app.set_value(1, "x");
    await app.trigger(3, "click");
    expect(app.components.get(1)?.value).toBeNull();
    expect(app.components.get(4)?.value).toBe(0);
    expect(server.joins).toHaveLength(0);
  });

  it("feeds a js function's result to the backend when backend_fn is true", async () => {
    const { app, server } = make_app({
      components: textboxes,
      dependencies: [
        dep(0, {
          targets: [[2, "click"]],
          inputs: [1],
          outputs: [2],
          js: "(x) => x.toUpperCase()",
        }),
      ],
    });
    app.set_value(1, "hi");
    await app.trigger(2, "click");
    expect(server.joins[0]?.data).toEqual(["HI"]);
  });

  it("shows a toast when a js function throws", async () => {
    const { app } = make_app({
      components: textboxes,
      dependencies: [
        dep(0, {
          targets: [[1, "click"]],
          backend_fn: false,
          js: "() => { throw new Error('js broke') }",
        }),
      ],
    });
    await app.trigger(1, "click");
    expect(app.toasts[0]?.message).toBe("js broke");
  });

  it("applies generator diffs to the previous raw output, firing change per value", async () => {
    const seen: unknown[] = [];
    (globalThis as { __seen?: unknown[] }).__seen = seen;
    const { app } = make_app(
      {
        components: textboxes,
        dependencies: [
          dep(0, { targets: [[1, "click"]], outputs: [2] }),
          dep(1, {
            targets: [[2, "change"]],
            inputs: [2],
            backend_fn: false,
            trigger_mode: "multiple",
            js: "(v) => { globalThis.__seen.push(v); }",
          }),
        ],
      },
      (_join, id) => [
        { msg: "process_generating", event_id: id, output: { data: ["a"] }, success: true },
        {
          msg: "process_generating",
          event_id: id,
          output: { data: [[["append", [], "b"]]] },
          success: true,
        },
        { msg: "process_generating", event_id: id, output: { data: [[]] }, success: true },
        completed(id, ["abc"]),
      ],
    );
    await app.trigger(1, "click");
    expect(seen).toEqual(["a", "ab", "abc"]);
    expect(app.components.get(2)?.status).toBeNull();
  });

  it("applies update dicts to props and value, and ignores null for State", async () => {
    const { app } = make_app(
      {
        components: [...textboxes, { id: 9, type: "state", props: { value: 3 } }],
        dependencies: [dep(0, { targets: [[1, "click"]], outputs: [2, 9] })],
      },
      (_join, id) => [
        completed(id, [
          { __type__: "update", label: "new label", visible: false, value: "u" },
          null,
        ]),
      ],
    );
    await app.trigger(1, "click");
    const model = app.components.get(2);
    expect(model?.props).toMatchObject({ label: "new label", visible: false });
    expect(model?.value).toBe("u");
    expect(app.components.get(9)?.value).toBe(3);
  });

  it("sends null for State inputs", async () => {
    const { app, server } = make_app({
      components: [{ id: 9, type: "state", props: { value: 3 } }],
      dependencies: [dep(0, { targets: [[0, "load"]], inputs: [9] })],
    });
    await app.start();
    expect(server.joins[0]?.data).toEqual([null]);
  });

  it("shows a pending status on outputs while queued, with queue position", async () => {
    const gate = deferred<void>();
    const { app } = make_app(
      { components: textboxes, dependencies: [dep(0, { targets: [[1, "click"]], outputs: [2] })] },
      async (_join, id) => {
        await gate.promise;
        return [
          { msg: "estimation", event_id: id, rank: 1, queue_size: 4, rank_eta: 2 },
          completed(id, ["done"]),
        ];
      },
    );
    const run = app.trigger(1, "click");
    flushSync();
    expect(app.components.get(2)?.status).toMatchObject({ mode: "full", phase: "queued" });
    gate.resolve();
    await run;
    expect(app.components.get(2)?.status).toBeNull();
  });

  it("cancels the running events of the deps in `cancels`", async () => {
    const gate = deferred<void>();
    const { app, server } = make_app(
      {
        components: textboxes,
        dependencies: [
          dep(0, { targets: [[1, "click"]] }),
          dep(1, { targets: [[2, "click"]], backend_fn: false, cancels: [0] }),
        ],
      },
      async (join, id) => {
        if (join.fn_index === 0) await gate.promise;
        return [completed(id, [])];
      },
    );
    const long_run = app.trigger(1, "click");
    await new Promise((resolve) => setTimeout(resolve, 10));
    await app.trigger(2, "click");
    expect(server.cancels).toEqual([{ event_id: "ev1", session_hash: "session0001", fn_index: 0 }]);
    gate.resolve();
    await long_run;
  });

  it("computes interactivity from the prop, else from being an input", () => {
    const { app } = make_app({
      components: [
        { id: 1, type: "textbox", props: {} },
        { id: 2, type: "textbox", props: {} },
        { id: 3, type: "textbox", props: { interactive: false } },
      ],
      dependencies: [dep(0, { inputs: [1, 3], outputs: [2] })],
    });
    expect(app.components.get(1)?.interactive).toBe(true);
    expect(app.components.get(2)?.interactive).toBe(false);
    expect(app.components.get(3)?.interactive).toBe(false);
  });
});
