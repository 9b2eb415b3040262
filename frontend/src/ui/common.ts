// Props every component shares (label, visibility, layout hints).
import {
  is_shown,
  read_bool,
  read_number,
  read_string,
  read_string_list,
  type JsonRecord,
} from "../runtime/guards";

export interface CommonProps {
  label: string | null;
  show_label: boolean;
  info: string | null;
  visible: boolean;
  elem_id: string | null;
  elem_classes: string[];
  scale: number | null;
  min_width: number | null;
  container: boolean;
}

export function read_common(raw: JsonRecord): CommonProps {
  return {
    label: read_string(raw, "label"),
    show_label: read_bool(raw, "show_label", true),
    info: read_string(raw, "info"),
    visible: is_shown(raw),
    elem_id: read_string(raw, "elem_id"),
    elem_classes: read_string_list(raw, "elem_classes"),
    scale: read_number(raw, "scale"),
    min_width: read_number(raw, "min_width"),
    container: read_bool(raw, "container", true),
  };
}

/** The name a control is announced by: its label, or a fallback for unlabelled ones. */
export function accessible_name(common: CommonProps, fallback: string): string {
  return common.label ?? fallback;
}
