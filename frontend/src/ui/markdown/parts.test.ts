import { describe, expect, it } from "vitest";
import { DEFAULT_LATEX_DELIMITERS } from "./math_extension";
import { part_cuts } from "./parts";

const section = (index: number): string => `## Part ${index}\n\nText ${index}.\n\n- a\n- b\n\n`;
const sections = (count: number): string =>
  Array.from({ length: count }, (_, index) => section(index)).join("");

function cuts(text: string): number[] | null {
  return part_cuts(text, 10, 40, DEFAULT_LATEX_DELIMITERS);
}

describe("where a long document is cut into parts", () => {
  it("cuts before headings after a blank line, spaced out, and before the last heading", () => {
    const text = sections(6);
    const found = cuts(text);
    expect(found).not.toBeNull();
    for (const at of found ?? []) expect(text.slice(at - 2, at + 8)).toMatch(/^\n\n## Part /);
    expect(found?.at(-1)).toBe(text.lastIndexOf("## Part"));
    const gaps = (found ?? []).slice(1, -1).map((at, index) => at - (found?.[index] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(40);
  });

  it("never cuts inside a fenced code block", () => {
    const fenced = "````md\n\n# not a heading\n\n```\n\n# still code\n````\n\n";
    const text = `${sections(2)}${fenced}${sections(2)}`;
    for (const at of cuts(text) ?? []) {
      expect(text.slice(at)).not.toMatch(/^# (not a heading|still code)/);
    }
  });

  it("cuts nowhere after a fence that is never closed", () => {
    const text = `${sections(2)}\`\`\`\nnever closed\n\n${sections(6)}`;
    const found = cuts(text) ?? [];
    expect(found.length).toBeGreaterThan(0);
    for (const at of found) expect(at).toBeLessThan(text.indexOf("never closed"));
  });

  it("does not cut what a part alone could render differently", () => {
    const long = sections(6);
    expect(cuts(`${long}[r]: https://example.com\n`)).toBeNull();
    expect(cuts(`<pre>\n\n# x\n\n</pre>\n\n${long}`)).toBeNull();
    expect(cuts(`${long}$$x$$\n`)).toBeNull();
    expect(cuts("no headings at all\n\n".repeat(20))).toBeNull();
  });
});
