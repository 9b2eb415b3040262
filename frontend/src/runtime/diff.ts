// Applies the per-output edit lists of `process_generating` (PROTOCOL.md §4.3).

export type EditAction = "replace" | "append" | "add" | "delete";
export type Edit = readonly [EditAction, readonly (string | number)[], unknown];

export class DiffError extends Error {
  override name = "DiffError";
}

const ACTIONS: ReadonlySet<string> = new Set(["replace", "append", "add", "delete"]);

/** Checks one edit list from the wire; throws DiffError when it is malformed. */
export function parse_edits(raw: unknown): Edit[] {
  if (!Array.isArray(raw)) throw new DiffError(`expected a list of edits, got ${typeof raw}`);
  return raw.map((item): Edit => {
    if (!Array.isArray(item) || item.length !== 3) {
      throw new DiffError("each edit must be [action, path, value]");
    }
    const [action, path, value] = item as unknown[];
    if (typeof action !== "string" || !ACTIONS.has(action)) {
      throw new DiffError(`unknown edit action ${JSON.stringify(action)}`);
    }
    if (
      !Array.isArray(path) ||
      !path.every((key) => typeof key === "string" || typeof key === "number")
    ) {
      throw new DiffError("an edit path must be a list of keys and indices");
    }
    return [action as EditAction, path as (string | number)[], value];
  });
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}

function concat(target: unknown, value: unknown): unknown {
  if (Array.isArray(target)) return target.concat(Array.isArray(value) ? value : [value]);
  if (typeof target === "string" && typeof value === "string") return target + value;
  if (typeof target === "number" && typeof value === "number") return target + value;
  throw new DiffError(`cannot append to a ${typeof target}`);
}

type Container = Record<string | number, unknown> | unknown[];

function is_container(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

function apply_edit(target: unknown, [action, path, value]: Edit): unknown {
  if (path.length === 0) {
    if (action === "replace") return value;
    if (action === "append") return concat(target, value);
    throw new DiffError(`"${action}" needs a non-empty path`);
  }
  let current: unknown = target;
  for (const key of path.slice(0, -1)) {
    if (!is_container(current)) throw new DiffError(`path ${JSON.stringify(path)} not found`);
    current = (current as Record<string | number, unknown>)[key];
  }
  if (!is_container(current)) throw new DiffError(`path ${JSON.stringify(path)} not found`);
  const last = path[path.length - 1] as string | number;
  const parent = current as Record<string | number, unknown>;
  if (action === "replace") parent[last] = value;
  else if (action === "append") parent[last] = concat(parent[last], value);
  else if (action === "add") {
    if (Array.isArray(current)) current.splice(Number(last), 0, value);
    else parent[last] = value;
  } else if (Array.isArray(current)) current.splice(Number(last), 1);
  else delete parent[last];
  return target;
}

/** Returns a new value: `previous` with `edits` applied in order; `previous` is untouched. */
export function apply_diff(previous: unknown, edits: readonly Edit[]): unknown {
  let result = clone(previous);
  for (const edit of edits) result = apply_edit(result, edit);
  return result;
}
