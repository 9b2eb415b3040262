// @vitest-environment node
import { describe, expect, it } from "vitest";
import { apply_diff, DiffError, parse_edits } from "./diff";

describe("apply_diff", () => {
  it("appends to a string at the root", () => {
    expect(apply_diff("a", parse_edits([["append", [], "b"]]))).toBe("ab");
  });

  it("replaces the whole value", () => {
    expect(apply_diff("s0", parse_edits([["replace", [], "s1"]]))).toBe("s1");
  });

  it("applies an empty edit list as no change", () => {
    expect(apply_diff({ a: 1 }, [])).toEqual({ a: 1 });
  });

  it("appends deep inside a chat message list", () => {
    const before = [
      { role: "user", content: [{ text: "hi" }] },
      { role: "assistant", content: [{ text: "hello" }] },
    ];
    const after = apply_diff(
      before,
      parse_edits([["append", [1, "content", 0, "text"], " there"]]),
    );
    expect(after).toEqual([
      { role: "user", content: [{ text: "hi" }] },
      { role: "assistant", content: [{ text: "hello there" }] },
    ]);
    expect(before[1]?.content[0]?.text).toBe("hello");
  });

  it("adds list items and dict keys, and replaces nested values", () => {
    const edits = parse_edits([
      ["add", [2], "c"],
      ["replace", [0], "A"],
    ]);
    expect(apply_diff(["a", "b"], edits)).toEqual(["A", "b", "c"]);
    expect(apply_diff({ a: 1 }, parse_edits([["add", ["b"], 2]]))).toEqual({ a: 1, b: 2 });
  });

  it("deletes with the indices the server already shifted", () => {
    // Gradio's differ emits [delete 2, delete 2] to go from 4 items to 2.
    const edits = parse_edits([
      ["delete", [2], null],
      ["delete", [2], null],
    ]);
    expect(apply_diff(["a", "b", "c", "d"], edits)).toEqual(["a", "b"]);
    expect(apply_diff({ a: 1, b: 2 }, parse_edits([["delete", ["a"], null]]))).toEqual({ b: 2 });
  });

  it("appends to a list", () => {
    expect(apply_diff([1], parse_edits([["append", [], [2, 3]]]))).toEqual([1, 2, 3]);
  });

  it("rejects malformed edits", () => {
    expect(() => parse_edits("nope")).toThrow(DiffError);
    expect(() => parse_edits([["explode", [], 1]])).toThrow(DiffError);
    expect(() => parse_edits([["replace", "x", 1]])).toThrow(DiffError);
    expect(() => apply_diff(null, parse_edits([["replace", ["a", "b"], 1]]))).toThrow(DiffError);
    expect(() => apply_diff("x", parse_edits([["delete", [], null]]))).toThrow(DiffError);
  });
});
