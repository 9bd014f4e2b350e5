#!/usr/bin/env bash
# Opt-in smoke test of the two images (not part of CI): builds Dockerfile.stages and
# Dockerfile.orchestrator with podman from a base image made on this machine (no registry pull:
# a Debian rootfs from debootstrap plus this machine's .NET SDK), then runs them:
#   - the stage image: `epy-stage --help` answers its usage (exit 2), git is there, the user is not root;
#   - the orchestrator image: starts in cloud mode (host network, port EPY_SMOKE_PORT) and answers
#     GET /healthz on 127.0.0.1.
# Needs root, podman + runc, debootstrap and the .NET 10 SDK in /usr/share/dotnet:
#   apt-get install -y podman runc debootstrap
# The stage image's build runs apt-get inside the container (git, fonts), so Debian's mirror must be
# reachable (the builds use the host network); NuGet packages come from this machine's cache (~/.nuget/packages) mounted into the build.
set -euo pipefail
cd "$(dirname "$0")/.."

work=${EPY_PODMAN_WORK:-/tmp/epy-podman}
base=localhost/epy-local-dotnet:10
tag=smoke
port=${EPY_SMOKE_PORT:-18080}

for tool in podman debootstrap; do
  command -v "$tool" >/dev/null || { echo "podman-smoke: $tool is missing (apt-get install -y podman runc debootstrap)" >&2; exit 1; }
done
[ -x /usr/share/dotnet/dotnet ] || { echo "podman-smoke: no .NET SDK in /usr/share/dotnet" >&2; exit 1; }

step() { echo "== $* ($(date -u +%H:%M:%S))"; }

if ! podman image exists "$base"; then
  mkdir -p "$work"
  if [ ! -x "$work/rootfs/usr/bin/git" ]; then
    step "debootstrap a Debian 12 rootfs"
    rm -rf "$work/rootfs"
    debootstrap --variant=minbase --include=git,ca-certificates,fonts-dejavu-core,libicu72 bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log"
  fi
  step "base image $base: the rootfs and this machine's .NET"
  rm -rf "$work/rootfs/usr/share/dotnet"
  cp -a /usr/share/dotnet "$work/rootfs/usr/share/dotnet"
  ln -sf /usr/share/dotnet/dotnet "$work/rootfs/usr/bin/dotnet"
  # This machine's trusted CAs (its egress may pass a TLS-inspecting proxy that NuGet must trust).
  cp /etc/ssl/certs/ca-certificates.crt "$work/rootfs/etc/ssl/certs/ca-certificates.crt"
  tar -C "$work/rootfs" -c . | podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "ENV NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}" - "$base" >/dev/null
fi

nuget="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
# A sandboxed machine may refuse setrlimit when a container starts (runc: "error setting rlimits"):
# run containers through a runc wrapper that drops the rlimits, so they keep this shell's limits.
mkdir -p "$work"
cat >"$work/runc-norlimits" <<'WRAPPER'
#!/bin/sh
# create/run read the bundle's config.json, exec a process.json: drop the rlimits from either.
strip() { python3 -c 'import json,sys; p=sys.argv[1]; c=json.load(open(p)); (c.get("process") or c).pop("rlimits",None); json.dump(c,open(p,"w"))' "$1"; }
prev=""
for arg in "$@"; do
  case "$prev" in
    --bundle) [ -f "$arg/config.json" ] && strip "$arg/config.json" ;;
    --process) [ -f "$arg" ] && strip "$arg" ;;
  esac
  case "$arg" in
    --bundle=*) [ -f "${arg#--bundle=}/config.json" ] && strip "${arg#--bundle=}/config.json" ;;
    --process=*) [ -f "${arg#--process=}" ] && strip "${arg#--process=}" ;;
  esac
  prev=$arg
done
exec runc "$@"
WRAPPER
chmod +x "$work/runc-norlimits"
podman=(podman --runtime "$work/runc-norlimits")
run=("${podman[@]}" run --rm)
build() {
  local file=$1 image=$2
  step "podman build -f $file"
  podman build -f "$file" -t "$image" \
    --build-arg SDK_IMAGE="$base" --build-arg RUNTIME_IMAGE="$base" \
    --network host --volume "$nuget:/root/.nuget/packages" .
}

build Dockerfile.stages "localhost/epy-stages:$tag"
step "run the stage image"
set +e
usage=$("${run[@]}" "localhost/epy-stages:$tag" --help 2>&1); code=$?
set -e
echo "$usage"
[ "$code" -eq 2 ] && grep -q "usage: epy-stage" <<<"$usage" || { echo "podman-smoke: epy-stage --help exited $code" >&2; exit 1; }
"${run[@]}" --entrypoint git "localhost/epy-stages:$tag" --version
user=$("${run[@]}" --entrypoint id "localhost/epy-stages:$tag" -u)
echo "stage image user: $user"
[ -n "$user" ] && [ "$user" != 0 ] || { echo "podman-smoke: the stage image runs as root" >&2; exit 1; }

build Dockerfile.orchestrator "localhost/epy-orchestrator:$tag"
step "run the orchestrator image in cloud mode"
name="epy-smoke-$$"
"${run[@]}" -d --name "$name" --network host -e ASPNETCORE_HTTP_PORTS="$port" \
  -e EPY_MODE=cloud -e Batch__Project=demo-project -e Batch__Region=us-central1 -e Batch__Bucket=demo-runs \
  -e Batch__StageImage=us-central1-docker.pkg.dev/demo-project/epy/epy-stages \
  -e Batch__NotificationTopic=projects/demo-project/topics/epy-batch-events \
  -e Push__Audience=epy-orchestrator-prod -e Push__AllowedEmails__0=epy-push@demo-project.iam.gserviceaccount.com \
  -e FIRESTORE_EMULATOR_HOST=127.0.0.1:1 \
  "localhost/epy-orchestrator:$tag" >/dev/null
trap '"${podman[@]}" stop -t 2 "$name" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 60); do
  if answer=$(curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null); then
    echo "GET /healthz: $answer"
    user=$("${podman[@]}" exec "$name" id -u)
    echo "orchestrator image user: $user"
    [ -n "$user" ] && [ "$user" != 0 ] || { echo "podman-smoke: the orchestrator runs as root" >&2; exit 1; }
    podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E "epy-(stages|orchestrator):$tag"
    step "podman smoke test passed"
    exit 0
  fi
  sleep 1
done
"${podman[@]}" logs "$name" >&2 || true
echo "podman-smoke: the orchestrator did not answer /healthz within 60 s" >&2
exit 1
