import "./theme.css";
import { boot } from "./runtime/boot";

const target = document.getElementById("gradiate-app");
if (target) void boot(target);
