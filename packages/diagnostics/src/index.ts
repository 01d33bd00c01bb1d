export { type Diagnostic, type Edit, fail, hasErrors, ok, type Result, type Severity } from "./diagnostic.js";
export { formatPath, type PathSegment, type PathSegments, parsePath } from "./path.js";
export { deepEqual, getPath, hasPath, isRecord, setOwn } from "./plain-data.js";
export { closestKey, suggestKeys } from "./suggest.js";
