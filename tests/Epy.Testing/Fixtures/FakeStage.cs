using System.Globalization;

namespace Epy.Testing.Fixtures;

/// <summary>
/// A stand-in for the stage program, as a bash script the local job runner starts like the real one
/// (<c>bash fake-stage.sh builder|runner|output</c>, same environment). It keeps the stages' contract —
/// the builder writes the manifest, each runner task its result, the output stage reads the results
/// and honours ALLOW_PARTIAL_RESULTS — and is steered through files in its control folder
/// (<c>FAKE_CONTROL</c>): how many tasks, which task fails how often and how, how long tasks sleep,
/// which task waits to be released. Every
/// invocation appends <c>start</c> and <c>exit</c> lines to <c>calls.log</c>.
/// </summary>
public sealed class FakeStage
{
    private const string Script = """
        #!/usr/bin/env bash
        # Fake stage program for the orchestrator's tests (see FakeStage.cs).
        set -u
        stage="$1"
        control="${FAKE_CONTROL:?FAKE_CONTROL is not set}"
        # 'epycloud run --local' validates first (epy-stage validate prints its report): valid, unless invalid_config exists.
        if [ "$stage" = validate ]; then
          if [ -f "$control/invalid_config" ]; then
            printf '{"exp_id": "%s", "valid": false, "kind": null, "task_count": 0, "locations": [], "files": [], "errors": [{"file": "experiments/%s/config/modelset.yml", "line": 3, "column": 5, "field": "modelset.calibration", "message": "%s"}]}\n' "${EXP_ID:-}" "${EXP_ID:-}" "$(cat "$control/invalid_config")"
            exit 3
          else
            printf '{"exp_id": "%s", "valid": true, "kind": "calibration", "task_count": 0, "locations": [], "files": [], "errors": []}\n' "${EXP_ID:-}"
            exit 0
          fi
        fi
        log="$control/calls.log"
        run_dir="${LOCAL_DATA_PATH:?}/${DIR_PREFIX:-}${EXP_ID:?}/${RUN_ID:?}"
        task="${TASK_INDEX:-0}"
        echo "start stage=$stage task=$task pid=$$ job=${EPY_JOB_ID:-} num_tasks=${NUM_TASKS:-} allow_partial=${ALLOW_PARTIAL_RESULTS:-} mode=${EXECUTION_MODE:-} memory_budget=${TASK_MEMORY_BUDGET_MIB:-}" >> "$log"
        echo "fake $stage task $task of ${EXP_ID}/${RUN_ID}"
        finish() { echo "exit stage=$stage task=$task pid=$$ code=$1" >> "$log"; exit "$1"; }
        nap() {
          # In the background, so the log names the child a cancel must stop too.
          sleep "$1" &
          echo "child stage=$stage task=$task pid=$!" >> "$log"
          wait $!
        }
        # fail_{name} holds how many more times to fail, with the exit code in fail_code_{name} (default 3).
        should_fail() {
          local f="$control/fail_$1" k
          [ -f "$f" ] || return 1
          k=$(cat "$f")
          [ "$k" -gt 0 ] || return 1
          echo $((k - 1)) > "$f"
          code=$(cat "$control/fail_code_$1" 2>/dev/null || echo 3)
          return 0
        }
        # While hold_{task} exists the task waits (at most a minute).
        hold() {
          local i
          for ((i = 0; i < 1200; i++)); do [ -f "$control/hold_$1" ] || return 0; sleep 0.05; done
          finish 9
        }
        five() { printf '%05d' "$1"; }
        case "$stage" in
          builder)
            should_fail builder && finish "$code"
            s=$(cat "$control/sleep_builder" 2>/dev/null || echo 0)
            [ "$s" = 0 ] || nap "$s"
            n=$(cat "$control/task_count" 2>/dev/null || echo 4)
            mkdir -p "$run_dir/builder-artifacts"
            for ((i = 0; i < n; i++)); do echo "{\"task\": $i}" | gzip > "$run_dir/builder-artifacts/input_$(five "$i").json.gz"; done
            printf '{"task_count": %d}\n' "$n" > "$run_dir/builder-artifacts/manifest.json.tmp"
            mv "$run_dir/builder-artifacts/manifest.json.tmp" "$run_dir/builder-artifacts/manifest.json"
            finish 0 ;;
          runner)
            [ -n "${NUM_TASKS:-}" ] || { echo "NUM_TASKS is not set" >&2; finish 2; }
            [ "$task" -lt "$NUM_TASKS" ] || { echo "TASK_INDEX $task >= NUM_TASKS $NUM_TASKS" >&2; finish 2; }
            [ -f "$run_dir/builder-artifacts/input_$(five "$task").json.gz" ] || { echo "no input for task $task" >&2; finish 2; }
            hold "$task"
            should_fail "$task" && finish "$code"
            s=$(cat "$control/sleep_$task" 2>/dev/null || cat "$control/sleep" 2>/dev/null || echo 0)
            [ "$s" = 0 ] || nap "$s"
            mkdir -p "$run_dir/runner-artifacts"
            result="$run_dir/runner-artifacts/result_$(five "$task").json.gz"
            echo "{\"task\": $task}" | gzip > "$result.tmp.$$"
            mv "$result.tmp.$$" "$result"
            finish 0 ;;
          output)
            n="${NUM_TASKS:?NUM_TASKS is not set}"
            missing=0
            for ((i = 0; i < n; i++)); do [ -f "$run_dir/runner-artifacts/result_$(five "$i").json.gz" ] || missing=$((missing + 1)); done
            if [ "$missing" -gt 0 ] && [ "${ALLOW_PARTIAL_RESULTS:-true}" != true ]; then echo "$missing results missing" >&2; finish 1; fi
            [ "$missing" -lt "$n" ] || { echo "no results at all" >&2; finish 1; }
            should_fail output && finish "$code"
            mkdir -p "$run_dir/outputs"
            printf 'tasks,missing,allow_partial\n%d,%d,%s\n' "$n" "$missing" "${ALLOW_PARTIAL_RESULTS:-}" | gzip > "$run_dir/outputs/.x.csv.gz.tmp"
            mv "$run_dir/outputs/.x.csv.gz.tmp" "$run_dir/outputs/x.csv.gz"
            finish 0 ;;
          *)
            echo "unknown stage '$stage'" >&2
            finish 2 ;;
        esac
        """;

    /// <summary>Writes the script and an empty control folder under <paramref name="folder"/>.</summary>
    public FakeStage(string folder)
    {
        ScriptPath = Path.Combine(folder, "fake-stage.sh");
        Control = Path.Combine(folder, "control");
        Directory.CreateDirectory(Control);
        File.WriteAllText(ScriptPath, Script.ReplaceLineEndings("\n") + "\n");
    }

    /// <summary>The script.</summary>
    public string ScriptPath { get; }

    /// <summary>The control folder (<c>FAKE_CONTROL</c>).</summary>
    public string Control { get; }

    /// <summary>The stage command to give the local mode.</summary>
    public IReadOnlyList<string> Command => ["bash", ScriptPath];

    /// <summary>The environment the script needs.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["FAKE_CONTROL"] = Control };

    /// <summary>The builder's manifest says <paramref name="count"/> tasks (default 4).</summary>
    public FakeStage WithTasks(int count) => Write("task_count", count);

    /// <summary>Runner task <paramref name="index"/> exits <paramref name="exitCode"/> at once its next <paramref name="times"/> runs.</summary>
    public FakeStage FailingTask(int index, int times = int.MaxValue / 2, int exitCode = 3) =>
        FailingTask(index.ToString(CultureInfo.InvariantCulture), times, exitCode);

    /// <summary>The <c>builder</c> or <c>output</c> stage (or runner task "0", "1", ...) exits <paramref name="exitCode"/> its next <paramref name="times"/> runs.</summary>
    public FakeStage FailingTask(string name, int times = int.MaxValue / 2, int exitCode = 3) =>
        Write($"fail_{name}", times).Write($"fail_code_{name}", exitCode);

    /// <summary><c>validate</c> reports the experiment invalid with <paramref name="message"/>.</summary>
    public FakeStage InvalidConfig(string message)
    {
        File.WriteAllText(Path.Combine(Control, "invalid_config"), message);
        return this;
    }

    /// <summary>Runner task <paramref name="index"/> waits, once started, until <see cref="Release"/>.</summary>
    public FakeStage Holding(int index) => Write($"hold_{index}", 1);

    /// <summary>Lets runner task <paramref name="index"/> go on.</summary>
    public FakeStage Release(int index)
    {
        File.Delete(Path.Combine(Control, $"hold_{index}"));
        return this;
    }

    /// <summary>Runner task <paramref name="index"/> succeeds from now on.</summary>
    public FakeStage Healed(int index)
    {
        File.Delete(Path.Combine(Control, $"fail_{index}"));
        return this;
    }

    /// <summary>Every runner task sleeps <paramref name="seconds"/> before finishing.</summary>
    public FakeStage Sleeping(double seconds) => Write("sleep", seconds);

    /// <summary>The builder sleeps <paramref name="seconds"/> before writing its manifest.</summary>
    public FakeStage SleepingBuilder(double seconds) => Write("sleep_builder", seconds);

    /// <summary>Runner task <paramref name="index"/> sleeps <paramref name="seconds"/> (overrides <see cref="Sleeping"/>).</summary>
    public FakeStage SleepingTask(int index, double seconds) => Write($"sleep_{index}", seconds);

    /// <summary>Every line the script logged so far.</summary>
    public IReadOnlyList<StageCall> Calls()
    {
        var log = Path.Combine(Control, "calls.log");
        if (!File.Exists(log))
            return [];
        // A line being appended right now may be incomplete: keep whole lines only.
        var text = File.ReadAllText(log);
        var whole = text[..(text.LastIndexOf('\n') + 1)];
        return [.. whole.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(StageCall.Parse)];
    }

    /// <summary>How often <paramref name="stage"/> ran to completion (exit 0) for task <paramref name="task"/>.</summary>
    public int Completions(string stage, int task = 0) =>
        Calls().Count(call => call.Event == "exit" && call.Stage == stage && call.Task == task && call.Code == 0);

    /// <summary>How often <paramref name="stage"/> was started for task <paramref name="task"/>.</summary>
    public int Starts(string stage, int task = 0) =>
        Calls().Count(call => call.Event == "start" && call.Stage == stage && call.Task == task);

    private FakeStage Write(string name, double value)
    {
        File.WriteAllText(Path.Combine(Control, name), value.ToString(CultureInfo.InvariantCulture));
        return this;
    }
}
