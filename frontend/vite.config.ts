import { defineConfig } from "vitest/config";
import type { Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// The small form controls and the shared widgets (src/ui) share one lazy chunk:
// a typical form app then costs a single extra request, not one per component.
// src/ui/markdown (marked, DOMPurify) stays out: only Markdown, HTML and Chatbot load it.
const FORMS_CHUNK =
  /[\\/]src[\\/](ui(?![\\/]markdown[\\/])|components[\\/](Textbox|Number|Slider|Checkbox|CheckboxGroup|Radio|Dropdown|Button|ClearButton))[\\/]/;

// Loopback Gradio/gradiate server used by `npm run dev` (config fetched from /config).
const DEV_BACKEND = process.env.GRADIATE_DEV_BACKEND ?? "http://127.0.0.1:7860";

/**
 * Adds `<link rel="modulepreload">` for the shared forms chunk to index.html. Every app
 * that shows a component needs it (it holds the shared Block), so fetching it alongside
 * the runtime saves a round trip without adding a request.
 */
function preload_forms_chunk(): Plugin {
  return {
    name: "gradiate-preload-forms",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, context) {
        const forms = Object.values(context.bundle ?? {}).find(
          (item) => item.type === "chunk" && item.name === "forms",
        );
        if (forms?.type !== "chunk") return [];
        // Also the small chunks it imports (rolldown's shared module helpers, once the
        // Markdown libraries use them too), so they load in parallel, not after it.
        const entry = Object.values(context.bundle ?? {}).find(
          (item) => item.type === "chunk" && item.isEntry,
        );
        const files = [forms.fileName, ...forms.imports.filter((file) => file !== entry?.fileName)];
        return files.map((file) => ({
          tag: "link",
          attrs: { rel: "modulepreload", crossorigin: true, href: `./${file}` },
          injectTo: "head" as const,
        }));
      },
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [
    svelte({ compilerOptions: { css: "injected" } }),
    svelteTesting(),
    preload_forms_chunk(),
  ],
  build: {
    outDir: "../src/gradiate/_frontend",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: false,
    cssCodeSplit: true,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // Name component chunks after their folder ("Markdown-…js", not "Index-…js").
        chunkFileNames: (chunk) => {
          const folder = /[\\/]components[\\/](\w+)[\\/]Index\.svelte$/.exec(
            chunk.facadeModuleId ?? "",
          );
          return `assets/${folder?.[1] ?? chunk.name}-[hash].js`;
        },
        codeSplitting: {
          // Without this, the group would also swallow the Svelte runtime they share with the entry.
          includeDependenciesRecursively: false,
          groups: [{ name: "forms", test: FORMS_CHUNK }],
        },
      },
    },
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/config": DEV_BACKEND,
      "/gradio_api": DEV_BACKEND,
    },
  },
  test: {
    environment: "jsdom",
    pool: "threads",
    // One jsdom per worker instead of per file: the suite is dominated by environment setup.
    isolate: false,
    include: ["src/**/*.test.ts"],
    setupFiles: ["./src/test_setup.ts"],
  },
});
