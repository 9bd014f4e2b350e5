#!/usr/bin/env bash
# The README's test command (`bash test.sh`) and CI's (.ci/run runs it): installs what the tests need
# where it can (Chromium and Node.js from Debian when run as root; the deployment tests' build runs npm ci
# of tools/hcl2json itself), says plainly what is missing where it cannot, runs every test project and the packaging check, and prints one
# closing line "N passed, N failed, N skipped" computed from the TRX files the run wrote. Exit code 0
# only when everything passed.
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test: the .NET SDK (dotnet) is not installed; install .NET 10 first" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== restore"
if ! dotnet restore Epy.Orchestration.sln; then
  echo "test: dotnet restore failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# The dashboard's browser tests drive headless Chromium, the Debian package (never a downloaded
# browser; EPY_CHROMIUM names another binary). Install it when missing and say plainly when that is
# not possible: those tests then fail.
if [ -z "${EPY_CHROMIUM:-}" ] && ! [ -x /usr/bin/chromium ]; then
  echo "== install chromium (the dashboard's browser tests)"
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) >/tmp/epy-test-chromium.log 2>&1 \
      || { echo "test: apt-get install chromium failed (see /tmp/epy-test-chromium.log):" >&2; tail -n 5 /tmp/epy-test-chromium.log >&2; }
  fi
  [ -x /usr/bin/chromium ] || echo "test: /usr/bin/chromium is missing (sudo apt-get install -y chromium, or set EPY_CHROMIUM): the dashboard's browser tests will fail" >&2
fi

# The cloud tests run Google's Firestore and Pub/Sub emulators (google-cloud-cli) with Java; say so
# plainly when they are missing: those tests then fail, they are never skipped.
platform=/usr/lib/google-cloud-sdk/platform
for need in "$platform/cloud-firestore-emulator/cloud-firestore-emulator.jar" "$platform/pubsub-emulator/lib"; do
  [ -e "$need" ] || echo "test: $need is missing (install google-cloud-cli with its emulators): the cloud tests will fail" >&2
done
command -v java >/dev/null 2>&1 || echo "test: java is missing (Java 17 runs the emulators): the cloud tests will fail" >&2
command -v git >/dev/null 2>&1 || echo "test: git is missing (the forecast-repository clone tests need it)" >&2

# The deployment tests parse terraform/*.tf with @cdktf/hcl2json (Node): their build installs it
# (npm ci of tools/hcl2json, pinned by its package-lock.json); Node.js and npm must be there.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "== install Node.js and npm (the deployment tests need them)"
    apt-get install -y nodejs npm >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y nodejs npm >/dev/null 2>&1; }
  fi
  command -v npm >/dev/null 2>&1 \
    || echo "test: node and npm are missing (Debian: apt-get install -y nodejs npm): the deployment tests (tests/Epy.Deployment.Tests) will fail" >&2
fi

rm -rf TestResults
# Build everything first, then run the test projects side by side without building: a test run holds
# its MSBuild node while it runs, so building inside `dotnet test` left the orchestrator's projects
# waiting minutes behind the image-build tests on a 2-core machine.
echo "== build (every project)"
if ! dotnet build Epy.Orchestration.sln --no-restore; then
  echo "test: the build failed (see above)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "== test (every test project)"
dotnet test Epy.Orchestration.sln --no-build
status=$?

# The CLI must install as a .NET tool from a local folder, offline (README: "Install epycloud").
echo "== package (dotnet pack + dotnet tool install --add-source, offline)"
tool_failed=0
if ! .ci/check-tool; then
  echo "test: .ci/check-tool failed: epycloud does not pack or install as a .NET tool" >&2
  tool_failed=1
fi

projects=$(find tests -name '*.Tests.csproj' | wc -l)
shopt -s nullglob
trx=(TestResults/*.trx)
passed=0; failed=0; skipped=0
for f in "${trx[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # A skipped xunit test is counted in total but not in executed (notExecuted stays 0).
  skipped=$((skipped + $(get total) - $(get executed)))
done

if [ "${#trx[@]}" -lt "$projects" ]; then
  echo "test: only ${#trx[@]} of $projects test projects wrote results (a build failure or a crashed test host)" >&2
  failed=$((failed + projects - ${#trx[@]}))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test: dotnet test exited with $status" >&2
  failed=1
fi

failed=$((failed + tool_failed))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
