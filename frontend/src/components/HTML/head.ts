// gr.HTML's `head`: the app author's <script>/<link> tags, added to the page's <head> once
// (scripts by src, links by href) and loaded before `js_on_load` runs.

function same_script(script: HTMLScriptElement): boolean {
  return [...document.scripts].some((existing) =>
    script.src ? existing.src === script.src : !existing.src && existing.text === script.text,
  );
}

function load_script(source: HTMLScriptElement): Promise<void> {
  const script = document.createElement("script");
  if (!source.src) {
    script.text = source.text;
    document.head.append(script);
    return Promise.resolve();
  }
  script.src = source.src;
  const loaded = new Promise<void>((resolve, reject) => {
    script.addEventListener("load", () => resolve());
    script.addEventListener("error", () => reject(new Error(`gr.HTML head: ${source.src} failed`)));
  });
  document.head.append(script);
  return loaded;
}

/** Adds the tags of `head` that the page does not have yet; settles when scripts loaded. */
export async function inject_head(head: string): Promise<void> {
  const parsed = new DOMParser().parseFromString(`<head>${head}</head>`, "text/html");
  const waits: Promise<void>[] = [];
  for (const tag of parsed.head.children) {
    if (tag instanceof HTMLScriptElement) {
      if (!same_script(tag)) waits.push(load_script(tag));
    } else if (tag instanceof HTMLLinkElement) {
      const href = tag.href;
      if (![...document.querySelectorAll("link")].some((link) => link.href === href)) {
        document.head.append(document.importNode(tag, true));
      }
    } else {
      document.head.append(document.importNode(tag, true));
    }
  }
  await Promise.all(waits);
}
