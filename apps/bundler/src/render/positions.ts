// Positions in a values file the bundler is about to write, for the few values a lint rule reports on: found by
// walking the lines of the text (`toYamlDocument`'s block style: two-space indent, sequence items indented under
// their key), and from a full parse only when the walk cannot be sure (quoted keys, block scalars, anything
// unexpected). Parsing every file with findings was a large share of a fleet's validation (docs/performance.md).
import { type PositionIndex, parseSource, type SourcePosition } from "@lgtm-gitops/validators";

interface Line {
  readonly indent: number;
  /** The line after its indentation. */
  readonly text: string;
  /** Whether it holds characters outside the Basic Multilingual Plane (columns then count code points). */
  readonly wide: boolean;
}

/** A node found in the text: where its value's lines are, how deep they are indented, and where it starts. */
interface Cursor {
  /** First line of the node's content (its own line for an inline `- key: v` map). */
  readonly line: number;
  /** Indentation of the node's entries (mapping keys or `- ` items). */
  readonly indent: number;
  /** Position of the node, as yaml reports it (a key's first character; a sequence item's content). */
  readonly at: SourcePosition;
}

const PLAIN_KEY = /^([^\s"'#:{}[\],&*!|>%@`?-][^:#]*?|-[A-Za-z0-9.][^:#]*?):(?: |$)/;

/** The plain key a line starts with (`key:` or `key: value`), or `undefined` (quoted or unusual keys). */
function keyOf(text: string): string | undefined {
  const m = PLAIN_KEY.exec(text);
  return m ? m[1] : undefined;
}

/** A finder over one text; `undefined` from {@link find} means "not sure": ask the parser. */
class LineWalker {
  readonly #lines: Line[];

  constructor(text: string) {
    this.#lines = text.split("\n").map((raw) => {
      let indent = 0;
      while (raw.charCodeAt(indent) === 32) indent++;
      return { indent, text: raw.slice(indent), wide: /[\uD800-\uDBFF]/.test(raw) };
    });
  }

  /** The line index where the entries of a node at `indent` starting at `from` end. */
  #end(from: number, indent: number): number {
    let i = from;
    for (; i < this.#lines.length; i++) {
      const l = this.#lines[i]!;
      if (l.text !== "" && l.indent < indent) break;
    }
    return i;
  }

  /**
   * The position of `path`; `null` when the text surely has no such value (every entry on the way was read);
   * `undefined` when the walk is not sure (then only a parse can tell).
   */
  find(path: readonly (string | number)[]): SourcePosition | null | undefined {
    // The document: the first line after the header comment.
    let start = 0;
    while (start < this.#lines.length && this.#lines[start]!.text.startsWith("#")) start++;
    let cur: Cursor = { line: start, indent: 0, at: { line: start + 1, column: 1 } };
    let inline: string | undefined; // the rest of the cursor's first line when it is `- key: v`
    // The cursor is a scalar (nothing below it), or maybe one (an item whose key the walk cannot read).
    let scalar: boolean | "maybe" = false;
    for (const seg of path) {
      if (scalar === "maybe") return undefined;
      if (scalar) return null;
      const end = this.#end(cur.line + 1, cur.indent);
      let found: Cursor | undefined;
      let kind: "map" | "seq" | undefined;
      if (typeof seg === "number") {
        let n = -1;
        for (let i = cur.line; i < end; i++) {
          const l = this.#lines[i]!;
          if (l.indent !== cur.indent || l.text === "") continue;
          if (!(l.text === "-" || l.text.startsWith("- "))) {
            if (i === cur.line && inline !== undefined) return null; // a mapping, not a sequence
            return n < 0 && keyOf(l.text) !== undefined ? null : undefined;
          }
          kind = "seq";
          if (++n !== seg) continue;
          if (l.wide || l.text === "-") return undefined;
          const content = l.text.slice(2);
          if (content.startsWith("- ") || content.startsWith("'") || content.startsWith('"')) return undefined;
          found = { line: i, indent: cur.indent + 2, at: { line: i + 1, column: cur.indent + 3 } };
          inline = content;
          scalar =
            keyOf(content) !== undefined || /^[[{]/.test(content)
              ? false
              : content.includes(": ") || content.endsWith(":")
                ? "maybe"
                : true;
          break;
        }
        if (!found && kind !== "seq") return undefined;
      } else {
        for (let i = cur.line; i < end; i++) {
          const l = this.#lines[i]!;
          const text = i === cur.line && inline !== undefined ? inline : l.text;
          const indent = i === cur.line && inline !== undefined ? cur.indent : l.indent;
          if (indent !== cur.indent || text === "") continue;
          if (text === "-" || text.startsWith("- ")) return null; // a sequence, not a mapping
          const key = keyOf(text);
          if (key === undefined) return undefined;
          kind = "map";
          if (key !== seg) continue;
          if (l.wide) return undefined;
          const column = i === cur.line && inline !== undefined ? cur.at.column : l.indent + 1;
          const rest = text.slice(key.length + 1).trim();
          // A block scalar's lines look like entries: never walk into one.
          if (rest.startsWith("|") || rest.startsWith(">")) return undefined;
          const next = this.#lines[i + 1];
          // `key:` with `- ` items under it (indented by two) or a mapping under it.
          const childIndent = rest === "" && next ? next.indent : indent + 2;
          found = { line: rest === "" ? i + 1 : i, indent: childIndent, at: { line: i + 1, column } };
          inline = undefined;
          scalar = rest !== "";
          break;
        }
        if (!found && kind !== "map") return undefined;
      }
      if (!found) return null;
      cur = found;
    }
    return path.length === 0 ? undefined : cur.at;
  }
}

/**
 * The position of `path` in a text `toYamlDocument` wrote, found by walking its lines, or `undefined` when the walk
 * is not sure (then only a parse can tell), `null` when there surely is no such value. Exported for its tests; use
 * {@link lazyPositions}.
 */
export function walkTo(text: string, path: readonly (string | number)[]): SourcePosition | null | undefined {
  return new LineWalker(text).find(path);
}

/**
 * A position index over a values file's text that the bundler wrote with `toYamlDocument`: the same positions
 * `parseSource` gives, computed only for the paths asked for. The text is parsed only when a path cannot be found by
 * walking its lines.
 */
export function lazyPositions(file: string, text: string): PositionIndex {
  let walker: LineWalker | undefined;
  let parsed: PositionIndex | undefined;
  const full = (): PositionIndex => {
    parsed ??= parseSource(file, text).positions;
    return parsed;
  };
  const exact = (path: readonly (string | number)[]): SourcePosition | undefined => {
    walker ??= new LineWalker(text);
    const found = walker.find(path);
    return found === null ? undefined : (found ?? full().exact(path));
  };
  return {
    exact,
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const p = exact(path.slice(0, n));
        if (p) return p;
      }
      return undefined;
    },
  };
}
