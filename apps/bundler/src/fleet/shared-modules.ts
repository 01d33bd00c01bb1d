// The packages a TypeScript definition shares with the CLI: a definition's `import … from "zod"` (or
// "@lgtm-gitops/bundler", …) is given these very module namespaces, so the CLI's copy is the only one in memory,
// also when the CLI runs as one bundled file. Loaded only when the fleet has TypeScript definitions.
import * as charts from "@lgtm-gitops/charts";
import * as datasources from "@lgtm-gitops/datasources";
import * as diagnostics from "@lgtm-gitops/diagnostics";
import * as kustomize from "@lgtm-gitops/kustomize";
import * as tempoConfig from "@lgtm-gitops/tempo-config";
import * as validators from "@lgtm-gitops/validators";
import * as yaml from "yaml";
import * as zod from "zod";
import * as zodV4 from "zod/v4";
import * as bundler from "../index.js";

/** Module namespaces by the specifier a definition imports them with. */
export const SHARED_MODULES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  "@lgtm-gitops/bundler": bundler,
  "@lgtm-gitops/charts": charts,
  "@lgtm-gitops/datasources": datasources,
  "@lgtm-gitops/diagnostics": diagnostics,
  "@lgtm-gitops/kustomize": kustomize,
  "@lgtm-gitops/tempo-config": tempoConfig,
  "@lgtm-gitops/validators": validators,
  yaml,
  zod,
  "zod/v4": zodV4,
};
