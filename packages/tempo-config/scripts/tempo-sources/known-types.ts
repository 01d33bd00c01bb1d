/**
 * What the reader knows about Go types that decode themselves (UnmarshalYAML / UnmarshalText / confmap Unmarshal)
 * or that the standard library defines. Enumerations are read from the type's own source where possible (the
 * `case "x":` of its Set/UnmarshalYAML, the literals its String() returns, its typed constants), so a new value in a
 * later release shows up without touching this file.
 */
import type { GoWorld, KnownHook, Pkg } from "./go-world.js";

export interface TypeNote {
  /** Leaf kind or `custom(short)` emitted for the type. */
  leaf: string;
  go: string;
  accepts: string;
  /** path:line of the method that decides, at the tag it was read from. */
  where?: string;
}

/** Legend of leaf kinds that are not a single Go type. */
export const LEAF_KINDS: Record<string, string> = {
  bool: "YAML boolean",
  int: "signed integer (Go int/int8…int64); yaml.v2 rejects strings",
  uint: "unsigned integer (Go uint/uint8…uint64)",
  float: "number (Go float32/float64)",
  string: "string (Go string, or a named string type without validation)",
  any: "anything (Go interface{} / any)",
  duration:
    "Go time.Duration: time.ParseDuration units ns, us, µs, ms, s, m, h (e.g. 1h30m, 336h); NOT d/w/y. " +
    "yaml.v2 also accepts a bare integer as nanoseconds; mapstructure (OTel) decodes strings with time.ParseDuration",
  model_duration:
    "prometheus/common model.Duration (UnmarshalYAML → model.ParseDuration): integer + unit sequence, units y w d h m s ms " +
    "in that order, e.g. 14d, 2w, 1d12h, or 0; no fractions, no ns/us",
  bytes:
    "dskit flagext.Bytes (UnmarshalYAML → units.ParseBase2Bytes): size with unit, 1KB = 1KiB = 1024, e.g. 100MiB, 5MB; 0 allowed",
};

function methodBody(pkg: Pkg | null, type: string, name: string): { body: string; where: string } | undefined {
  const m = pkg?.methods.get(type)?.find((x) => x.name === name);
  return m ? { body: m.body, where: `${m.path}:${m.line}` } : undefined;
}

function casesOf(body: string): string[] {
  return [...body.matchAll(/case\s+((?:"[^"]*"\s*,?\s*)+):/g)].flatMap((m) =>
    [...m[1]!.matchAll(/"([^"]*)"/g)].map((x) => x[1]!),
  );
}

function constsOf(pkg: Pkg | null, type: string): string[] {
  if (!pkg) return [];
  return pkg.files.flatMap((f) =>
    f.file.consts.filter((c) => c.type === type && c.value !== undefined).map((c) => c.value!),
  );
}

function enumLeaf(values: string[]): string {
  return `enum(${[...new Set(values)].join("|")})`;
}

/** Builds the hook for one tag; `notes` collects the legend of custom/enum types met. */
export function makeKnownHook(world: GoWorld, notes: Map<string, TypeNote>): KnownHook {
  const note = (n: TypeNote): string => {
    notes.set(n.go, n);
    return n.leaf;
  };
  const pkgOf = (full: string): Pkg | null => world.pkg(full.slice(0, full.lastIndexOf(".")));
  return (full, info) => {
    const typeName = full.slice(full.lastIndexOf(".") + 1);
    const pkgPath = full.slice(0, full.lastIndexOf("."));
    const pkg = pkgOf(full);
    const where = info.custom?.where;
    const withWhere = (n: Omit<TypeNote, "where">): string => note(where ? { ...n, where } : n);
    switch (full) {
      case "time.Duration":
        return "duration";
      case "time.Time":
        return note({
          leaf: "custom(time.Time)",
          go: full,
          accepts: "timestamp: YAML !!timestamp or RFC 3339 string (yaml.v2 decodes it into time.Time)",
        });
      case "github.com/prometheus/common/model.Duration":
        notes.set(full, {
          leaf: "model_duration",
          go: full,
          accepts: LEAF_KINDS.model_duration!,
          ...(where ? { where } : {}),
        });
        return "model_duration";
      case "github.com/grafana/dskit/flagext.Bytes":
        notes.set(full, { leaf: "bytes", go: full, accepts: LEAF_KINDS.bytes!, ...(where ? { where } : {}) });
        return "bytes";
      case "github.com/grafana/dskit/log.Level":
      case "github.com/weaveworks/common/logging.Level":
      case "github.com/weaveworks/common/logging.Format": {
        const set = methodBody(pkg, typeName, "Set");
        const values = set ? casesOf(set.body) : [];
        return note({
          leaf: values.length ? enumLeaf(values) : `custom(${short(full)})`,
          go: full,
          accepts: `one of ${values.join(", ")} (UnmarshalYAML → Set; anything else: "unrecognized log ${typeName === "Format" ? "format" : "level"}")`,
          ...(set ? { where: set.where } : {}),
        });
      }
      case "github.com/grafana/tempo/tempodb/backend.Encoding": {
        const s = methodBody(pkg, typeName, "String");
        const values = s
          ? [...s.body.matchAll(/return\s+"([^"]+)"/g)].map((m) => m[1]!).filter((v) => v !== "unsupported")
          : [];
        return note({
          leaf: enumLeaf(values),
          go: full,
          accepts: `compression name (UnmarshalYAML → ParseEncoding): ${values.join(", ")}`,
          ...(s ? { where: s.where } : {}),
        });
      }
      case "github.com/prometheus/common/config.TLSVersion": {
        const src = pkg?.files.map((f) => f.path).find((p) => /http_config\.go$/.test(p));
        const text = src ? (world.tag.read(src) ?? "") : "";
        const block = /TLSVersions = map\[string\]TLSVersion\{([\s\S]*?)\n\}/.exec(text)?.[1] ?? "";
        const values = [...block.matchAll(/"(TLS\d+)"/g)].map((m) => m[1]!);
        return withWhere({ leaf: enumLeaf(values), go: full, accepts: `TLS version name: ${values.join(", ")}` });
      }
      case "github.com/prometheus/prometheus/model/relabel.Action": {
        const values = constsOf(pkg, "Action");
        return withWhere({
          leaf: enumLeaf(values),
          go: full,
          accepts: `relabel action, case-insensitive (lower-cased before the check): ${values.join(", ")}`,
        });
      }
      case "github.com/grafana/tempo/modules/overrides.HistogramMethod":
      case "github.com/grafana/tempo/modules/overrides/histograms.HistogramMethod": {
        const values = constsOf(pkg, "HistogramMethod");
        const file = "cmd/tempo/app/overrides_validation.go";
        const line = world.tag.lineOf(file, /generate_native_histograms.*not a valid value/);
        return note({
          leaf: values.length ? enumLeaf(values) : "string",
          go: full,
          accepts: `${values.join(", ")} (validated when overrides are loaded)`,
          ...(line ? { where: `${file}:${line}` } : {}),
        });
      }
      case "github.com/grafana/dskit/flagext.Secret":
        return withWhere({ leaf: "string", go: full, accepts: "string (secret; UnmarshalYAML reads a string)" });
      case "github.com/grafana/dskit/flagext.StringSliceCSV":
        return withWhere({
          leaf: `custom(${short(full)})`,
          go: full,
          accepts: "one string of comma-separated values (e.g. `a,b`); a YAML list is rejected",
        });
      case "github.com/grafana/dskit/flagext.StringSliceCSVMulti":
        return withWhere({
          leaf: `custom(${short(full)})`,
          go: full,
          accepts: "a comma-separated string or a YAML list of strings",
        });
      case "github.com/prometheus/common/config.URL":
        return withWhere({ leaf: `custom(${short(full)})`, go: full, accepts: "URL string (url.Parse)" });
      case "github.com/prometheus/common/model.LabelName":
        return withWhere({
          leaf: `custom(${short(full)})`,
          go: full,
          accepts: "Prometheus label name string (validated: [a-zA-Z_][a-zA-Z0-9_]* under legacy validation)",
        });
      case "github.com/prometheus/prometheus/model/relabel.Regexp":
        return withWhere({
          leaf: `custom(${short(full)})`,
          go: full,
          accepts: "RE2 regular expression string (anchored ^(?:…)$ by the decoder)",
        });
      case "github.com/grafana/tempo/pkg/util/listtomap.ListToMap":
      case "github.com/grafana/tempo/modules/overrides.ListToMap":
        notes.set(full, {
          leaf: '{"[]":"string"}',
          go: full,
          accepts: "YAML list of strings (kept as a set)",
          ...(where ? { where } : {}),
        });
        return { "[]": "string" };
      // OpenTelemetry collector (mapstructure)
      case "go.opentelemetry.io/collector/config/configopaque.String":
        return "string";
      case "go.opentelemetry.io/collector/config/configoptional.Optional": {
        // The `enabled` key exists while the configoptional.AddEnabledField gate is beta/stable (on by default).
        const gate = world.tag.read(`vendor/${pkgPath}/internal/metadata/generated_feature_gates.go`) ?? "";
        const enabledKey = /"configoptional\.AddEnabledField",\s*featuregate\.Stage(?:Beta|Stable)/.test(gate);
        notes.set(full, {
          leaf: "(shape of T)",
          go: full,
          accepts:
            "the section of T; absent = not configured (receiver protocol off); `null`/`{}` = on with defaults" +
            (enabledKey ? "; plus `enabled: bool` (feature gate configoptional.AddEnabledField, beta = on)" : ""),
          ...(where ? { where } : {}),
        });
        const inner = info.walkArg(0);
        return enabledKey && typeof inner !== "string" ? { ...inner, enabled: "bool" } : inner;
      }
      case "go.opentelemetry.io/collector/config/configopaque.MapList":
        return (
          withWhere({
            leaf: '{"{}":"string"}',
            go: full,
            accepts:
              "a map name → value (MapList.Unmarshal decodes map[string]configopaque.String into name/value pairs)",
          }) && { "{}": "string" }
        );
      default:
        break;
    }
    if (pkgPath.startsWith("go.opentelemetry.io/collector/component") && (typeName === "ID" || typeName === "Type")) {
      return withWhere({ leaf: `custom(${short(full)})`, go: full, accepts: "component id string `type[/name]`" });
    }
    if (info.custom && !info.custom.plain && pkg) {
      // A scalar decoder that accepts a fixed set: `case X, Y:` / `typ == X ||` over typed constants or literals,
      // with an error for anything else.
      const body = methodBody(pkg, typeName, info.custom.method)?.body ?? "";
      if (/return\s+(?:fmt\.Errorf|errors\.New)/.test(body)) {
        const named = pkg.files.flatMap((f) =>
          f.file.consts.filter(
            (c) => c.type === typeName && c.value !== undefined && new RegExp(`\\b${c.name}\\b`).test(body),
          ),
        );
        const values = [...named.map((c) => c.value!), ...casesOf(body)];
        if (values.length >= 2)
          return withWhere({
            leaf: enumLeaf(values),
            go: full,
            accepts: `one of ${values.map((v) => JSON.stringify(v)).join(", ")} (${info.custom.method} rejects anything else)`,
          });
      }
    }
    if (info.custom && !info.custom.plain) {
      // Scalar custom decoders not listed above: keep the shape unknown but say where it is decided.
      return withWhere({
        leaf: `custom(${short(full)})`,
        go: full,
        accepts: "custom decoder (not described; read the source)",
      });
    }
    return undefined;
  };
}

export function short(full: string): string {
  const dot = full.lastIndexOf(".");
  return `${full.slice(0, dot).split("/").pop()}.${full.slice(dot + 1)}`;
}
