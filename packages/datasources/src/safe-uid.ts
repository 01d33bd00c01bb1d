import { createHash } from "node:crypto";

/** Longest uid Grafana accepts (`pkg/util/shortid_generator.go` `MaxUIDLength`). */
export const MAX_UID_LENGTH = 40;

/** A valid datasource uid: 1 to 40 of `[a-zA-Z0-9_-]` (Grafana `ValidateUID`, grafana-operator CRD pattern). */
export const UID_PATTERN = /^[a-zA-Z0-9_-]{1,40}$/;

/** The characters a uid may contain (any length). */
export const UID_CHARACTERS = /^[a-zA-Z0-9_-]*$/;

/** True when `uid` is a uid Grafana accepts without rewriting it. */
export function isValidUid(uid: string): boolean {
  return UID_PATTERN.test(uid);
}

/**
 * The uid Grafana gives a provisioned datasource that has none: `"P"` + the first 8 bytes of
 * `sha256(name)` in upper-case hex (17 characters). `safeUidFromName("Loki")` is `P8E80F9AEF21F6940`.
 *
 * Grafana `pkg/services/provisioning/datasources/types.go` `safeUIDFromName` (stable since 8.3).
 */
export function safeUidFromName(name: string): string {
  return `P${createHash("sha256").update(name, "utf8").digest("hex").slice(0, 16)}`.toUpperCase();
}
