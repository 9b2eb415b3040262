// Developer-supplied JS functions of dependencies (`dep.js`): trusted app code.

export type JsFn = (...args: unknown[]) => unknown;

export class JsFnError extends Error {
  override name = "JsFnError";
}

/** Compiles a dependency's JS source (an expression that evaluates to a function). */
export function compile_js_fn(source: string): JsFn {
  let compiled: unknown;
  try {
    compiled = new Function(`return (${source})`)();
  } catch (error) {
    throw new JsFnError(`the dependency's js function does not compile: ${String(error)}`);
  }
  if (typeof compiled !== "function") {
    throw new JsFnError(`the dependency's js must evaluate to a function, got ${typeof compiled}`);
  }
  return compiled as JsFn;
}

/**
 * Calls a JS function and shapes its result as a list, as Gradio does: with
 * exactly one slot a non-list result is wrapped, and `undefined` means nothing.
 */
export async function call_js_fn(fn: JsFn, args: unknown[], slots: number): Promise<unknown[]> {
  const result: unknown = await fn(...args);
  if (result === undefined) return [];
  if (Array.isArray(result)) return result;
  if (slots === 1) return [result];
  throw new JsFnError(`the dependency's js function must return a list of ${slots} values`);
}
