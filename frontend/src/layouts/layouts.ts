// Layout blocks are bundled with the runtime: every app has some.
import type { Component, Snippet } from "svelte";
import type { JsonRecord } from "../runtime/guards";
import Column from "./Column.svelte";
import Form from "./Form.svelte";
import Row from "./Row.svelte";

export interface LayoutProps {
  props: JsonRecord;
  children: Snippet;
}

export const LAYOUTS: Readonly<Record<string, Component<LayoutProps>>> = {
  row: Row,
  column: Column,
  form: Form,
  group: Form,
};
