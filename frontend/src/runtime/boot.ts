// Starts one app in a host element: config, theme, modules, first render, load events.
import { mount, tick } from "svelte";
import App from "./App.svelte";
import { AppState } from "./app.svelte";
import { parse_config } from "./config";

/** Reads the config the server inlined, or fetches it (dev against a real server). */
async function read_config(): Promise<unknown> {
  if (window.gradio_config !== undefined) return window.gradio_config;
  const response = await fetch("config");
  if (!response.ok) throw new Error(`GET config answered ${response.status}`);
  return response.json();
}

/** `?__theme=dark|light` forces a theme; otherwise the system preference applies. */
function apply_theme_param(): void {
  const theme = new URLSearchParams(location.search).get("__theme");
  if (theme === "dark" || theme === "light") document.documentElement.classList.add(theme);
}

function show_boot_error(target: HTMLElement, error: unknown): void {
  const box = document.createElement("p");
  box.setAttribute("role", "alert");
  box.textContent = `This app could not start: ${error instanceof Error ? error.message : String(error)}`;
  target.replaceChildren(box);
}

export async function boot(target: HTMLElement): Promise<void> {
  // Marks for page-load diagnostics (performance.getEntriesByType("mark")).
  performance.mark("gradiate:boot");
  apply_theme_param();
  try {
    const config = parse_config(await read_config(), location.href, import.meta.env.DEV);
    if (!document.title) document.title = config.title;
    if (config.css) {
      const style = document.createElement("style");
      style.textContent = config.css;
      document.head.append(style);
    }
    const app = new AppState(config, (input, init) => fetch(input, init));
    await app.load_modules();
    performance.mark("gradiate:modules");
    // The server's first paint (inert static markup) shows until the app takes its place.
    target.replaceChildren();
    mount(App, { target, props: { app } });
    await tick();
    performance.mark("gradiate:mounted");
    target.dataset.ready = "true";
    await app.start();
  } catch (error) {
    show_boot_error(target, error);
  }
}
