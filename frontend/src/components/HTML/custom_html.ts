// The behaviour of one gr.HTML: templates rendered into its element, scoped CSS,
// `js_on_load` with Gradio 6's arguments (element, trigger, props, server, upload, watch).
//
// Trust rule: what the app's author wrote (the constructor's value and props, the
// templates, css, js, and whatever `js_on_load` sets through `props`) is rendered as
// written, as in Gradio. A value or prop that a function's output set is sanitised with
// DOMPurify before it enters the templates (`clean_untrusted`), unless the component has
// sanitize_html=False; the author's template markup around it stays intact.
import { clean_untrusted } from "./untrusted";
import { inject_head } from "./head";
import { morph } from "./morph";
import { compile_template, scope_css, type TemplateContext } from "./template";

/** The author's code and options: fixed for the life of the element. */
export interface HtmlSource {
  html_template: string;
  css_template: string;
  js_on_load: string | null;
  head: string | null;
  sanitize: boolean;
  autoscroll: boolean;
}

/** How the element talks back to the app. */
export interface HtmlCallbacks {
  /** `trigger(name, data)` from js_on_load. */
  emit(event: string, data: unknown): void;
  /** `props.value = …` from js_on_load: the new value goes to the server like an edit. */
  input(value: unknown): void;
}

type Render = (context: TemplateContext, handlebars_context?: TemplateContext) => string;

interface Watcher {
  names: string[];
  callback: () => void;
}

function json(value: unknown): string {
  return JSON.stringify(value) ?? "undefined";
}

export class CustomHtml {
  readonly #element: HTMLElement;
  readonly #style: HTMLStyleElement;
  readonly #source: HtmlSource;
  readonly #callbacks: HtmlCallbacks;
  readonly #context: TemplateContext;
  readonly #props: TemplateContext;
  readonly #watchers: Watcher[] = [];
  #html: Render = () => "";
  #css: Render = () => "";
  /** JSON of each prop as the author's code last set it. */
  readonly #trusted = new Map<string, string>();
  #render_queued = false;
  /** Settles when templates are compiled and js_on_load ran. */
  readonly ready: Promise<void>;

  constructor(
    element: HTMLElement,
    source: HtmlSource,
    context: TemplateContext,
    callbacks: HtmlCallbacks,
  ) {
    this.#element = element;
    this.#source = source;
    this.#callbacks = callbacks;
    this.#context = { ...context };
    for (const [name, value] of Object.entries(context)) this.#trusted.set(name, json(value));
    this.#style = document.createElement("style");
    document.head.append(this.#style);
    this.#props = new Proxy(this.#context, {
      set: (target, name, value: unknown) => {
        if (typeof name !== "string") return false;
        const changed = json(target[name]) !== json(value);
        target[name] = value;
        this.#trusted.set(name, json(value));
        if (changed) {
          this.#queue_render();
          if (name === "value") this.#callbacks.input(value);
        }
        return true;
      },
    });
    this.ready = this.#start();
  }

  async #start(): Promise<void> {
    [this.#html, this.#css] = await Promise.all([
      compile_template(this.#source.html_template),
      compile_template(this.#source.css_template),
    ]);
    this.#render();
    if (this.#source.head) await inject_head(this.#source.head);
    if (this.#source.js_on_load) this.#run_js(this.#source.js_on_load);
  }

  #run_js(code: string): void {
    const trigger = (event: string, data: unknown = null): void =>
      this.#callbacks.emit(event, data);
    const watch = (names: string | string[], callback: () => void): void => {
      this.#watchers.push({ names: Array.isArray(names) ? names : [names], callback });
    };
    const upload = (): Promise<never> =>
      Promise.reject(new Error("gr.HTML: upload() is not supported by gradiate yet"));
    try {
      // The author's code, run as Gradio runs it.
      new Function("element", "trigger", "props", "server", "upload", "watch", code)(
        this.#element,
        trigger,
        this.#props,
        {},
        upload,
        watch,
      );
    } catch (error) {
      console.error("gr.HTML js_on_load failed:", error);
    }
  }

  /** Applies props that came from the server (a function's output or a page update). */
  update(context: TemplateContext): void {
    const changed: string[] = [];
    for (const [name, value] of Object.entries(context)) {
      const text = json(value);
      if (json(this.#context[name]) === text) continue;
      this.#context[name] = value;
      changed.push(name);
    }
    if (changed.length === 0) return;
    this.#render();
    for (const watcher of this.#watchers) {
      if (watcher.names.some((name) => changed.includes(name))) {
        try {
          watcher.callback();
        } catch (error) {
          console.error("gr.HTML watch callback failed:", error);
        }
      }
    }
  }

  #queue_render(): void {
    if (this.#render_queued) return;
    this.#render_queued = true;
    queueMicrotask(() => {
      this.#render_queued = false;
      this.#render();
    });
  }

  #render(): void {
    morph(this.#element, this.#evaluate(this.#html));
    this.#style.textContent = scope_css(this.#evaluate(this.#css), this.#element.id);
    if (this.#source.autoscroll) this.#element.scrollTop = this.#element.scrollHeight;
  }

  /** Props the author's code did not set, cleaned; `for_handlebars` as in `clean_untrusted`. */
  #template_context(for_handlebars: boolean): TemplateContext {
    if (!this.#source.sanitize) return this.#context;
    const context: TemplateContext = {};
    for (const [name, value] of Object.entries(this.#context)) {
      const trusted = this.#trusted.get(name) === json(value);
      context[name] = trusted ? value : clean_untrusted(value, for_handlebars);
    }
    return context;
  }

  #evaluate(render: Render): string {
    try {
      return render(this.#template_context(false), this.#template_context(true));
    } catch (error) {
      console.error("gr.HTML template failed:", error);
      return "";
    }
  }

  /** Removes the scoped style from the page. */
  destroy(): void {
    this.#style.remove();
  }
}
