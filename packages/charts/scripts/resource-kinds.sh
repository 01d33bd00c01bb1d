#!/usr/bin/env bash
# Prints the kinds each pinned chart's templates render (`^kind:` lines), the raw data behind src/resource-kinds.ts.
# Needs git mirrors of the chart repositories (bare clones): MIRRORS=/path/to/mirrors (default /work/.mirror), each
# <owner>+<repo>/repo. Not run by the build: re-run it when a chart version changes and update the table by hand
# (cluster-scoped kinds also need the template's `if` condition, which this prints).
set -euo pipefail
MIRRORS="${MIRRORS:-/work/.mirror}"
# repository chart version
CHARTS=(
  "grafana+helm-charts tempo-distributed 1.61.3"
  "grafana+helm-charts loki-distributed 0.80.6"
  "grafana+helm-charts grafana 10.5.15"
  "grafana-community+helm-charts grafana 12.11.1"
  "prometheus-community+helm-charts kube-prometheus-stack 88.5.3"
  "prometheus-community+helm-charts kube-state-metrics 8.4.0"
  "prometheus-community+helm-charts prometheus-node-exporter 4.56.1"
)
commit_of() { # repo chart version -> first commit whose Chart.yaml has that version
  git -C "$MIRRORS/$1/repo" log --format=%H -G"^version: $3\$" -- "charts/$2/Chart.yaml" | while read -r c; do
    if git -C "$MIRRORS/$1/repo" show "$c:charts/$2/Chart.yaml" | grep -qx "version: $3"; then echo "$c"; break; fi
  done
}
for entry in "${CHARTS[@]}"; do
  read -r repo chart version <<<"$entry"
  c="$(commit_of "$repo" "$chart" "$version")"
  echo "== $chart@$version ($repo $c)"
  git -C "$MIRRORS/$repo/repo" grep -h -E '^kind:\s*[A-Za-z]+' "$c" -- "charts/$chart/templates" "charts/$chart/charts" \
    | sed -E 's/^kind:\s*//; s/\s.*//' | sort -u | tr '\n' ' '
  echo
  for f in $(git -C "$MIRRORS/$repo/repo" grep -l -E '^kind:\s*(Cluster[A-Za-z]+|CustomResourceDefinition|[A-Za-z]+WebhookConfiguration|PodSecurityPolicy|SecurityContextConstraints)\b' "$c" -- "charts/$chart/templates" "charts/$chart/charts" | sed "s/^$c://"); do
    echo "  $f: $(git -C "$MIRRORS/$repo/repo" show "$c:$f" | grep -m2 -E '^\{\{-? ?if' | tr '\n' ' ')"
  done
done
