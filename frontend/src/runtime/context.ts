import { getContext, setContext } from "svelte";
import type { AppState } from "./app.svelte";

const APP_KEY = Symbol("gradiate-app");

export function set_app(app: AppState): void {
  setContext(APP_KEY, app);
}

export function get_app(): AppState {
  const app = getContext<AppState | undefined>(APP_KEY);
  if (!app) throw new Error("get_app() must be called inside a gradiate <App>");
  return app;
}
