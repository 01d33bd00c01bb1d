import { describe, expect, it } from "vitest";
import { parseGoFile, tagGet } from "./go-parse.js";

const SRC = `package demo

import (
	"time"
	dskit "github.com/grafana/dskit/flagext"
)

// Config is a config.
type Config struct {
	Name, Other string \`yaml:"name"\`
	Retention   time.Duration \`yaml:"block_retention,omitempty"\`
	Inline      Nested \`yaml:",inline"\`
	Provider    func() <-chan int \`yaml:"-"\`
	Opt         Optional[Nested] \`mapstructure:"opt"\`
	Sizes       map[string][]*dskit.Bytes
	Embedded
	*PtrEmbedded \`yaml:",inline"\`
	anon struct {
		X int \`yaml:"x"\`
	}
}

type (
	Alias = Config
	Level string
)

const (
	Debug Level = "debug"
	Info  Level = "info"
)

type Optional[T any] struct{ value T }

func (c *Config) UnmarshalYAML(unmarshal func(interface{}) error) error {
	type plain Config
	if x := map[string]struct{}{}; len(x) > 0 { return nil }
	return unmarshal((*plain)(c))
}
`;

describe("parseGoFile", () => {
  const f = parseGoFile(SRC);
  it("reads package, imports, types, generics, consts and methods", () => {
    expect(f.pkg).toBe("demo");
    expect(f.imports).toEqual([
      { alias: "", path: "time" },
      { alias: "dskit", path: "github.com/grafana/dskit/flagext" },
    ]);
    expect(f.types.map((t) => [t.name, t.alias, t.params])).toEqual([
      ["Config", false, []],
      ["Alias", true, []],
      ["Level", false, []],
      ["Optional", false, ["T"]],
    ]);
    expect(f.consts.map((c) => [c.name, c.type, c.value])).toEqual([
      ["Debug", "Level", "debug"],
      ["Info", "Level", "info"],
    ]);
    expect(f.methods.map((m) => [m.recv, m.recvVar, m.name])).toEqual([["Config", "c", "UnmarshalYAML"]]);
    expect(f.methods[0]!.body).toContain("type plain Config");
  });
  it("reads struct fields with tags, embedded fields and nested types", () => {
    const t = f.types[0]!.type;
    if (t.k !== "struct") throw new Error("struct expected");
    const fields = t.fields.map((x) => [
      x.names.join(","),
      x.type.k,
      tagGet(x.tag, "yaml") ?? tagGet(x.tag, "mapstructure"),
    ]);
    expect(fields).toEqual([
      ["Name,Other", "name", "name"],
      ["Retention", "name", "block_retention,omitempty"],
      ["Inline", "name", ",inline"],
      ["Provider", "func", "-"],
      ["Opt", "name", "opt"],
      ["Sizes", "map", undefined],
      ["", "name", undefined],
      ["", "ptr", ",inline"],
      ["anon", "struct", undefined],
    ]);
    const opt = t.fields[4]!.type;
    expect(opt.k === "name" && opt.args?.[0]).toEqual({ k: "name", name: "Nested" });
  });
});
