using System.Diagnostics;
using System.Globalization;
using Epy.Contracts.Runs;

namespace Epy.Bench;

/// <summary>
/// Cloud Batch's limit, locally: a sampling experiment of <c>--tasks</c> rows (5,000 by default, Batch's most
/// tasks per job) of a tiny SIR model over eight weeks, written to a temporary forecast repository, run through
/// the local orchestrator A → B → C (<see cref="LocalRoundRun"/>). Prints each stage's wall, CPU and peak
/// memory, the orchestrator's overhead per task (Stage B's wall minus the task processes' own wall divided
/// by the parallelism, per task) and Stage C's wall and peak memory against the targets (60 s, 1 GB).
/// </summary>
internal static class ScaleBench
{
    private const string Experiment = "scale-sampling";

    public static async Task<int> RunAsync(string[] args)
    {
        var tasks = Throughput.Option(args, "--tasks") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : 5000;
        var parallelism = Throughput.Option(args, "--parallelism") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var project = WriteProject(tasks);
        Console.WriteLine($"scale: {tasks} sampling tasks of a tiny SIR model in {project}, Stage B {parallelism} tasks at once on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var run = await LocalRoundRun.RunAsync(project, Experiment, new Dictionary<string, string>(), parallelism, "epy-scale-").ConfigureAwait(false);
        if (run is null)
            return 1;
        run.PrintStages();

        var self = Process.GetCurrentProcess();
        var inv = CultureInfo.InvariantCulture;
        var runners = run.ProcessesOf("runner");
        var stageB = run.StageWallSeconds(Stage.Runner);
        Console.WriteLine();
        if (runners.Count > 0)
        {
            var own = runners.Sum(x => x.WallSeconds);
            var overhead = (stageB - own / parallelism) / runners.Count;
            Console.WriteLine(string.Create(inv,
                $"Stage B: {runners.Count} task processes, {own / runners.Count * 1000:F0} ms wall and {runners.Sum(x => x.CpuSeconds) / runners.Count * 1000:F0} ms CPU each (the stage program's start-up included)"));
            Console.WriteLine(string.Create(inv,
                $"orchestrator overhead per task: {overhead * 1000:F1} ms ((Stage B wall {stageB:F1} s - task walls {own:F1} s / {parallelism}) / {runners.Count})"));
        }
        if (run.ProcessesOf("output") is [.. , var output])
        {
            var peakMb = output.PeakKilobytes / 1024.0;
            Console.WriteLine(string.Create(inv,
                $"Stage C: {output.WallSeconds:F1} s wall (target under 60 s), {output.CpuSeconds:F1} s CPU, peak {peakMb:F0} MB (target under 1024 MB) aggregating {tasks} results"));
        }
        Console.WriteLine(string.Create(inv,
            $"orchestrator (this process): {self.TotalProcessorTime.TotalSeconds:F1} s CPU, {self.TotalProcessorTime.TotalSeconds / Math.Max(1, tasks) * 1000:F1} ms CPU per task, peak {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MB"));
        Console.WriteLine(string.Create(inv,
            $"total: {run.Wall.TotalSeconds:F0} s wall, {run.Processes.Sum(x => x.CpuSeconds) + self.TotalProcessorTime.TotalSeconds:F0} s CPU; load average {MachineLoad.Average()}"));
        return run.Final.Status == RunStatus.Succeeded ? 0 : 1;
    }

    /// <summary>A forecast repository with the example's data and one sampling experiment of <paramref name="tasks"/> rows.</summary>
    private static string WriteProject(int tasks)
    {
        var project = Directory.CreateTempSubdirectory("epy-scale-repo-").FullName;
        CopyFolder(Path.Combine(BenchData.RepositoryRoot(), "examples", "forecast-repo", "data"), Path.Combine(project, "data"));
        var config = Path.Combine(project, "experiments", Experiment, "config");
        Directory.CreateDirectory(config);
        File.WriteAllText(Path.Combine(config, "basemodel.yml"), """
            model:
              meta:
                description: "tiny SIR for the scale bench"
              random_seed: 11
              timespan:
                start_date: "2024-10-05"
                end_date: "2024-11-30"
                delta_t: 1.0
              simulation:
                n_sims: 5
                resample_frequency: W-SAT
              population:
                age_groups: ["0-4", "5-17", "18-49", "50-64", "65+"]
              compartments:
                - id: S
                  init: default
                - id: I
                  init: 0.001
                - id: R
              transitions:
                - type: mediated
                  source: S
                  target: I
                  mediator: I
                  rate: beta
                - type: spontaneous
                  source: I
                  target: R
                  rate: gamma
              parameters:
                beta:
                  type: calculated
                  value: Rt*gamma/eigenvalue
                Rt:
                  type: sampled
                gamma:
                  type: scalar
                  value: 0.25
            """);
        File.WriteAllText(Path.Combine(config, "modelset.yml"), $$"""
            modelset:
              population_names: [US-NY]
              sampling:
                samplers:
                  - strategy: LHS
                    n_samples: {{tasks}}
                    parameters: [Rt]
                parameters:
                  Rt:
                    distribution:
                      type: scipy
                      name: uniform
                      args: [1.1, 1.0]
            """);
        File.WriteAllText(Path.Combine(config, "output.yaml"), """
            output:
              quantiles:
                compartments: true
                transitions: true
              trajectories:
                transitions: true
            """);
        return project;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
