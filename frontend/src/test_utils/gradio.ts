// A recording stand-in for the runtime's Gradio handle, for component tests.
import { render, type RenderResult } from "@testing-library/svelte";
import type { Component } from "svelte";
import type { JsonRecord } from "../runtime/guards";
import type { ComponentProps, Gradio } from "../runtime/types";

export interface RecordedGradio extends Gradio {
  inputs: unknown[];
  events: { event: string; data: unknown }[];
  event_names(): string[];
}

export function fake_gradio(): RecordedGradio {
  const inputs: unknown[] = [];
  const events: { event: string; data: unknown }[] = [];
  return {
    inputs,
    events,
    input: (value) => void inputs.push(value),
    emit: (event, data) => void events.push({ event, data }),
    event_names: () => events.map((item) => item.event),
  };
}

/** Renders a component module with runtime-shaped props (`props` would clash with render's options). */
export function view(
  component: Component<ComponentProps>,
  component_props: Partial<ComponentProps> & { props: JsonRecord },
): RenderResult<Component<ComponentProps>> {
  return render(component, {
    props: {
      value: null,
      interactive: true,
      status: null,
      gradio: fake_gradio(),
      ...component_props,
    },
  });
}
