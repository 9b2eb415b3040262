// Gradio 6's gr.HTML templates: Handlebars first (`{{name}}`, `{{#each value}}`), then the
// result is evaluated as a JavaScript template literal with the props in scope
// (`${value}`, `${count * 2}`). Templates are the app author's code, trusted as in Gradio.
// Handlebars is fetched only for a template that uses it.

/** Values a template sees: `value`, `label`, `visible` and the extra props. */
export type TemplateContext = Record<string, unknown>;

/** Renders for a context; Handlebars may see a different one (see `CleanHtml`). */
type Compiled = (context: TemplateContext, handlebars_context?: TemplateContext) => string;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

async function handlebars_pass(template: string): Promise<(context: TemplateContext) => string> {
  if (!template.includes("{{")) return () => template;
  const { default: handlebars } = await import("handlebars");
  return handlebars.compile(template);
}

/** Compiles a template once; the function renders it for a context. */
export async function compile_template(template: string): Promise<Compiled> {
  const first_pass = await handlebars_pass(template);
  return (context, handlebars_context = context) => {
    const expanded = first_pass(handlebars_context);
    const names = Object.keys(context).filter((name) => IDENTIFIER.test(name));
    // Backticks and `\` in the expanded text are the template literal's own syntax, as in
    // Gradio: the author writes JavaScript here.
    const literal = new Function(...names, `return \`${expanded}\`;`) as (
      ...values: unknown[]
    ) => unknown;
    return String(literal(...names.map((name) => context[name])));
  };
}

/** Scopes a CSS template to one element: bare declarations style the element itself. */
export function scope_css(css: string, element_id: string): string {
  return css.trim() === "" ? "" : `#${element_id} { ${css} }`;
}
