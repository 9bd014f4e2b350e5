#!/usr/bin/env bash
# Runs the example experiment end to end on this machine: builder, every runner task, output.
# Usage: examples/run-example.sh [artifact folder]   (default ./.epy/local)
# EXP_ID chooses the experiment: flu-example (default) or flusight-2025-26 (the current FluSight season).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/.." && pwd)"
out="${1:-./.epy/local}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

export EXECUTION_MODE=local
export LOCAL_DATA_PATH="$out"
export FORECAST_REPO_DIR="$here/forecast-repo"
export EXP_ID="${EXP_ID:-flu-example}"
export RUN_ID="${RUN_ID:-$(date -u +%Y%m%d-%H%M%S)-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')}"
export DIR_PREFIX="${DIR_PREFIX:-}"

dotnet build "$repo_root/Stages/Epy.Stages" -c Release -v quiet -nologo >/dev/null
stage=("dotnet" "$repo_root/Stages/Epy.Stages/bin/Release/net10.0/epy-stage.dll")

"${stage[@]}" builder
run="$out/${DIR_PREFIX}${EXP_ID}/${RUN_ID}"
tasks="$(sed -n 's/.*"task_count": *\([0-9]*\).*/\1/p' "$run/builder-artifacts/manifest.json")"
export NUM_TASKS="$tasks"
for ((i = 0; i < tasks; i++)); do
  TASK_INDEX="$i" "${stage[@]}" runner
done
"${stage[@]}" output
echo "outputs: $run/outputs"
ls "$run/outputs"
echo "run metadata: $run/run_metadata.json"
