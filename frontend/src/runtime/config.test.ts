// @vitest-environment node
import { describe, expect, it } from "vitest";
import { ConfigError, parse_config } from "./config";

describe("parse_config", () => {
  it("reads Gradio's config and fills defaults", () => {
    const config = parse_config(
      {
        root: "http://127.0.0.1:7860/",
        api_prefix: "/gradio_api",
        components: [{ id: 1, type: "Textbox", props: { label: "name" } }, { bad: true }],
        layout: { id: 0, children: [{ id: 1 }] },
        dependencies: [{ id: 0, targets: [[1, "submit"], "junk"], inputs: [1], outputs: [2] }],
        css: "  ",
        connect_heartbeat: true,
      },
      "http://page/app/",
    );
    expect(config.root).toBe("http://127.0.0.1:7860");
    expect(config.components).toEqual([
      { id: 1, type: "textbox", props: { label: "name" }, skip_api: false },
    ]);
    expect(config.layout).toEqual({ id: 0, children: [{ id: 1, children: null }] });
    expect(config.css).toBeNull();
    expect(config.dependencies[0]).toMatchObject({
      targets: [[1, "submit"]],
      trigger_mode: "once",
      show_progress: "full",
      backend_fn: true,
      js: null,
    });
  });

  it("uses the page's location when root is empty", () => {
    expect(parse_config({ root: "" }, "http://host:1/sub/page?x=1").root).toBe("http://host:1/sub");
  });

  it("refuses a config that is not an object", () => {
    expect(() => parse_config([], "http://x/")).toThrow(ConfigError);
  });
});
