declare global {
  interface Window {
    /** The app config the server inlines into the page (PROTOCOL.md §2). */
    gradio_config?: unknown;
  }
}

export {};
