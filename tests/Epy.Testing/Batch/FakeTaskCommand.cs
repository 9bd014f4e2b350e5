namespace Epy.Testing.Batch;

/// <summary>
/// What the fake runs in place of a task's container: a local program, given the runnable's
/// <c>commands</c> after its own arguments, and the task's environment passed through
/// <see cref="MapEnvironment"/> (which can turn cloud settings into local ones).
/// </summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments before the container's commands.</param>
/// <param name="MapEnvironment">Rewrites the task's environment; null keeps it.</param>
public sealed record FakeTaskCommand(string FileName, IReadOnlyList<string> Arguments, Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>>? MapEnvironment = null)
{
    /// <summary>
    /// A bash script; the container's commands are its <c>$1</c>, <c>$2</c>, ... and the task's
    /// environment its variables (BATCH_TASK_INDEX, TASK_INDEX, ...).
    /// </summary>
    public static FakeTaskCommand Bash(string script) => new("bash", ["-c", script, "fake-task"]);

    /// <summary>
    /// The real stage program (<c>dotnet epy-stage.dll</c>) in local mode: EXECUTION_MODE=local and
    /// LOCAL_DATA_PATH = <c>{bucketsRoot}/{GCS_BUCKET}</c>, so a cloud job reads and writes a folder laid out like the bucket.
    /// </summary>
    public static FakeTaskCommand StageProgram(IReadOnlyList<string> stageCommand, string bucketsRoot, IReadOnlyDictionary<string, string>? extra = null) =>
        new(stageCommand[0], [.. stageCommand.Skip(1)], env =>
        {
            var local = new Dictionary<string, string>(env, StringComparer.Ordinal);
            if (extra is not null)
            {
                foreach (var (key, value) in extra)
                    local[key] = value;
            }
            local["EXECUTION_MODE"] = "local";
            local["LOCAL_DATA_PATH"] = Path.Combine(bucketsRoot, env.TryGetValue("GCS_BUCKET", out var bucket) ? bucket : "bucket");
            return local;
        });
}
