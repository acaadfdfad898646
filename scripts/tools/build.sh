#!/usr/bin/env bash
# Builds the verification oracles from the Go module proxy into "$CDK8S_MESH_TOOLS/bin" (default: <repo>/.tools/bin):
#   istioctl                 Istio release-1.30 (scripts/tools/istioctl/go.mod says which commit and why)
#   kube-apiserver, kubectl  Kubernetes v1.35.3 (scripts/tools/kube/go.mod)
#   etcd                     etcd v3.6.5, the version Kubernetes v1.35.3 requires
# Each wrapper module pins its versions in go.mod/go.sum (`go install pkg@version` refuses modules whose go.mod
# has replace directives). A binary is rebuilt only when its wrapper module or the Go version changed, so a second
# run costs a few seconds; the Go build cache (`go env GOCACHE`) makes a rebuild after a change incremental.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="${CDK8S_MESH_TOOLS:-$root/.tools}"
bin="$tools/bin"
mkdir -p "$bin"

command -v go >/dev/null || { echo "build.sh: Go is required (go.mod files need Go >= 1.25.9)" >&2; exit 1; }
export GOFLAGS="-buildvcs=false -mod=readonly"

# build <wrapper dir> <binary name> <package> ...: (re)builds the binaries whose stamp differs.
build() {
  local module="$here/$1"; shift
  local stamp
  stamp="$( (cd "$module" && cat go.mod go.sum $(find . -name '*.go' | sort); go version) | sha256sum | cut -c1-16)"
  local names=() packages=() stale=0
  while [ $# -gt 0 ]; do
    names+=("$1"); packages+=("$2")
    [ -x "$bin/$1" ] && [ "$(cat "$bin/.$1.stamp" 2>/dev/null)" = "$stamp" ] || stale=1
    shift 2
  done
  if [ "$stale" = 0 ]; then
    echo "tools: ${names[*]} up to date in $bin"
    return
  fi
  local start=$SECONDS i
  for i in "${!names[@]}"; do
    (cd "$module" && go build -trimpath -o "$bin/${names[$i]}.tmp" "${packages[$i]}")
    mv "$bin/${names[$i]}.tmp" "$bin/${names[$i]}"
    echo "$stamp" > "$bin/.${names[$i]}.stamp"
  done
  echo "tools: built ${names[*]} in $((SECONDS - start))s into $bin"
}

build istioctl istioctl istio.io/istio/istioctl/cmd/istioctl
build kube kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver kubectl k8s.io/kubernetes/cmd/kubectl etcd ./etcd
