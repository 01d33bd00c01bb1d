import { execFile, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { parseAllDocuments } from "yaml";

/** Result of {@link kustomizeBuild} / {@link kustomizeBuildDir}. */
export type KustomizeBuildResult =
  | {
      readonly ok: true;
      /** The YAML `kubectl kustomize` printed. */
      readonly output: string;
      /** The objects of `output`, in order. */
      readonly objects: unknown[];
      /** What kubectl printed on stderr (deprecation warnings), `""` when nothing. */
      readonly warnings: string;
    }
  | { readonly ok: false; readonly error: string };

/** Options of {@link kustomizeBuild} / {@link kustomizeBuildDir}. */
export interface KustomizeBuildOptions {
  /** Extra arguments for `kubectl kustomize` (e.g. `["--enable-helm"]`). @default [] */
  readonly args?: readonly string[];
}

/** The kubectl binary: `$KUBECTL` when set, else `kubectl` on the PATH. */
function kubectlBinary(): string {
  return process.env.KUBECTL ?? "kubectl";
}

let available: boolean | undefined;

/** True when `kubectl` (or `$KUBECTL`) runs; checked once per process. Tests skip kustomize builds when false. */
export function kubectlAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync(kubectlBinary(), ["version", "--client"], { encoding: "utf8", timeout: 30_000 });
    available = r.error === undefined && r.status === 0;
  }
  return available;
}

/**
 * Runs `kubectl kustomize <dir>` and parses its output. Never throws: failures (kubectl missing,
 * kustomize errors, unparsable output) come back as `{ ok: false, error }` with kubectl's message.
 */
export function kustomizeBuildDir(dir: string, options: KustomizeBuildOptions = {}): Promise<KustomizeBuildResult> {
  return new Promise((resolve) => {
    execFile(
      kubectlBinary(),
      ["kustomize", dir, ...(options.args ?? [])],
      { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) {
          resolve({ ok: false, error: (stderr.trim() || error.message).trim() });
          return;
        }
        const docs = parseAllDocuments(stdout);
        const list = Array.isArray(docs) ? docs : [docs];
        const problems = list.flatMap((d) => d.errors.map((e) => e.message));
        if (problems.length > 0) {
          resolve({ ok: false, error: `kubectl kustomize printed invalid YAML: ${problems.join("; ")}` });
          return;
        }
        const objects = list.map((d) => d.toJS() as unknown).filter((o) => o !== null && o !== undefined);
        resolve({ ok: true, output: stdout, objects, warnings: stderr });
      },
    );
  });
}

/**
 * Writes `files` (relative path → content; the root holds `kustomization.yaml`) into a fresh
 * temporary folder, runs `kubectl kustomize` on it, parses the output and removes the folder.
 *
 * @example
 * const r = await kustomizeBuild({
 *   "kustomization.yaml": toYaml([kustomization({ resources: ["ns.yaml"] })], { generatedBy: "test" }),
 *   "ns.yaml": toYaml([namespace("monitoring")], { generatedBy: "test" }),
 * });
 * if (r.ok) r.objects; // [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "monitoring" } }]
 */
export async function kustomizeBuild(
  files: Readonly<Record<string, string>>,
  options: KustomizeBuildOptions = {},
): Promise<KustomizeBuildResult> {
  const root = await mkdtemp(join(tmpdir(), "lgtm-gitops-kustomize-"));
  try {
    for (const [rel, content] of Object.entries(files)) {
      const clean = normalize(rel);
      if (isAbsolute(clean) || clean === ".." || clean.startsWith(`..${sep}`)) {
        return { ok: false, error: `file path "${rel}" must be relative and stay inside the build folder` };
      }
      const target = join(root, clean);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content, "utf8");
    }
    return await kustomizeBuildDir(root, options);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
