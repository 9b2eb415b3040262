// Props of Button-like components (Button, ClearButton, …).
import { read_string, type JsonRecord } from "../runtime/guards";

export interface ButtonProps {
  variant: "primary" | "secondary" | "stop" | "huggingface";
  size: "sm" | "md" | "lg";
  link: string | null;
  link_target: string;
}

export function read_button_props(
  raw: JsonRecord,
  default_variant: ButtonProps["variant"],
): ButtonProps {
  const variant = read_string(raw, "variant");
  const size = read_string(raw, "size");
  return {
    variant:
      variant === "primary" ||
      variant === "secondary" ||
      variant === "stop" ||
      variant === "huggingface"
        ? variant
        : default_variant,
    size: size === "sm" || size === "md" || size === "lg" ? size : "lg",
    link: read_string(raw, "link"),
    link_target: read_string(raw, "link_target", "_self"),
  };
}
