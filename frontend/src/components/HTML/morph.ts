// Updates an element's children to new HTML in place, as Gradio does, so listeners that
// `js_on_load` attached to children survive a re-render whose structure is unchanged.

function morph_node(current: ChildNode, next: ChildNode): void {
  if (current.nodeType !== next.nodeType || current.nodeName !== next.nodeName) {
    current.replaceWith(next.cloneNode(true));
    return;
  }
  if (!(current instanceof Element) || !(next instanceof Element)) {
    if (current.textContent !== next.textContent) current.textContent = next.textContent;
    return;
  }
  for (const name of current.getAttributeNames()) {
    if (!next.hasAttribute(name)) current.removeAttribute(name);
  }
  for (const name of next.getAttributeNames()) {
    const value = next.getAttribute(name) ?? "";
    if (current.getAttribute(name) !== value) current.setAttribute(name, value);
    if (name === "value" && "value" in current) (current as HTMLInputElement).value = value;
  }
  morph_children(current, next);
}

function morph_children(current: ParentNode, next: ParentNode): void {
  const old_nodes = [...current.childNodes];
  const new_nodes = [...next.childNodes];
  for (let index = 0; index < Math.max(old_nodes.length, new_nodes.length); index++) {
    const old_node = old_nodes[index];
    const new_node = new_nodes[index];
    if (old_node === undefined && new_node !== undefined) current.append(new_node.cloneNode(true));
    else if (old_node !== undefined && new_node === undefined) old_node.remove();
    else if (old_node !== undefined && new_node !== undefined) morph_node(old_node, new_node);
  }
}

/** Makes `element`'s children match `html` (parsed with innerHTML: scripts never run). */
export function morph(element: HTMLElement, html: string): void {
  const scratch = document.createElement("div");
  scratch.innerHTML = html;
  morph_children(element, scratch);
}
