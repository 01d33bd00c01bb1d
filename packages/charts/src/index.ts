export { type Diagnostic, fail, formatPath, hasErrors, ok, type Result, type Severity } from "./diagnostic.js";
