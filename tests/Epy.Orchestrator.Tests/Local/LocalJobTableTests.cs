using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Dashboard;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Tests.Local;

/// <summary>The local task rows the dashboard's task table reads: times, attempts over resumed jobs, and older databases.</summary>
public sealed class LocalJobTableTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(StoredRuns.Start);

    [Fact]
    public void RunnerTasks_AResumedJob_ReplacesItsTasksRecords_AndAddsTheirAttempts()
    {
        var table = new LocalJobTable(new LocalDatabase(_folder.Combine("orchestrator.db")), _time);
        var run = RunId.Parse("20261207-080000-a1b2c3d4");
        var first = Spec(new JobId(Stage.Runner, run, 1), 3, null);
        var resumed = Spec(new JobId(Stage.Runner, run, 2), 1, new ValueList<int>([2]));
        table.Insert(first);
        for (var i = 0; i < 3; i++)
            table.SetTask(first.Id, i, "RUNNING", null, 100 + i, null);
        _time.Advance(TimeSpan.FromSeconds(30));
        table.SetTask(first.Id, 0, "SUCCEEDED", 0, null, null);
        table.SetTask(first.Id, 1, "SUCCEEDED", 0, null, null);
        table.SetTask(first.Id, 2, "FAILED", 4, null, null);
        table.Insert(resumed);
        _time.Advance(TimeSpan.FromSeconds(10));
        table.SetTask(resumed.Id, 0, "RUNNING", null, 200, null);

        var tasks = table.RunnerTasks(run);

        tasks.Select(t => t.Index).ShouldBe([0, 1, 2]);
        tasks[0].ShouldBe(new TaskRecord(0, first.Id.Value, "SUCCEEDED", 1, 0, StoredRuns.Start, StoredRuns.Start.AddSeconds(30)));
        tasks[2].ShouldBe(new TaskRecord(2, resumed.Id.Value, "RUNNING", 2, null, StoredRuns.Start.AddSeconds(40), null));
    }

    [Fact]
    public void Open_ADatabaseFromBeforeTaskTimes_AddsTheirColumns_AndKeepsItsRows()
    {
        var path = _folder.Combine("old.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE local_tasks (job_id TEXT NOT NULL, task_index INTEGER NOT NULL, state TEXT NOT NULL, exit_code INTEGER,
                    attempts INTEGER NOT NULL DEFAULT 0, pid INTEGER, pid_start INTEGER, PRIMARY KEY (job_id, task_index));
                INSERT INTO local_tasks (job_id, task_index, state) VALUES ('stage-b-20261207-080000-a1b2c3d4-1', 0, 'SUCCEEDED');
                """;
            create.ExecuteNonQuery();
        }

        using var connection = new LocalDatabase(path).Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT state, started_at, ended_at FROM local_tasks";
        using var reader = read.ExecuteReader();

        reader.Read().ShouldBeTrue();
        reader.GetString(0).ShouldBe("SUCCEEDED");
        reader.IsDBNull(1).ShouldBeTrue();
        reader.IsDBNull(2).ShouldBeTrue();
    }

    public void Dispose() => _folder.Dispose();

    private static JobSpec Spec(JobId id, int tasks, ValueList<int>? indices) => new(
        id, ExperimentId.Parse("flu"), tasks, indices, 3, false, StageResources.RunnerDefault, 2, 1, false, 0, ValueList<int>.Empty,
        RunRequest.Plain("cli"));
}
