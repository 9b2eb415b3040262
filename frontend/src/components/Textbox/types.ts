import {
  read_bool,
  read_number,
  read_string,
  read_string_list,
  type JsonRecord,
} from "../../runtime/guards";

export interface TextboxProps {
  lines: number;
  max_lines: number | null;
  placeholder: string | null;
  type: "text" | "password" | "email";
  max_length: number | null;
  autofocus: boolean;
  rtl: boolean;
  text_align: "left" | "right" | null;
  show_copy_button: boolean;
}

export function read_textbox_props(raw: JsonRecord): TextboxProps {
  const type = read_string(raw, "type");
  const align = read_string(raw, "text_align");
  return {
    lines: Math.max(1, Math.round(read_number(raw, "lines", 1))),
    max_lines: read_number(raw, "max_lines"),
    placeholder: read_string(raw, "placeholder"),
    type: type === "password" || type === "email" ? type : "text",
    max_length: read_number(raw, "max_length"),
    autofocus: read_bool(raw, "autofocus", false),
    rtl: read_bool(raw, "rtl", false),
    text_align: align === "left" || align === "right" ? align : null,
    // Gradio 6 lists extra buttons in `buttons`; older configs use show_copy_button.
    show_copy_button:
      read_bool(raw, "show_copy_button", false) ||
      read_string_list(raw, "buttons").includes("copy"),
  };
}

/** A textbox shows null (a cleared output) as the empty string. */
export function to_text(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : String(value);
}
