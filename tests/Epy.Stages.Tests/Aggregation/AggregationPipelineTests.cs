using System.Text;
using Epy.Contracts.Builder;
using Epy.Contracts.Runs;
using Epy.Engine.Calibration;
using Epy.Stages.Outputs;
using Epy.Stages.Pipeline;
using Epy.Stages.Tests.Outputs;

namespace Epy.Stages.Tests.Aggregation;

public sealed class AggregationPipelineTests
{
    private static readonly DateOnly FirstWeek = new(2025, 3, 1);
    private static readonly string[] Locations = ["US-MA", "US-NY"];
    private const string H1 = "flu-h1";
    private const string H3 = "flu-h3";
    private const string H1Run = "20261101-080000-00000001";
    private const string H3Run = "20261102-080000-00000002";

    private const string Output = """
        output:
          quantiles:
            compartments: [Hosp_total]
            transitions: [Home_sev_to_Hosp_total]
          trajectories:
            transitions: true
        """;

    private static string Config(string method = "sum", string h1 = "", string h3 = "", string extraSource = "") => $"""
        aggregation:
          meta:
            description: H1 and H3 together
          sources:
            - exp_id: {H1}{h1}
            - exp_id: {H3}
              run_id: latest{h3}{extraSource}
          method: {method}
          sampling: random
          compartments: [Hosp_total]
          transitions: true
          output_config: output.yaml
        """;

    /// <summary>H1: a calibration, 4 trajectories per location, admissions <paramref name="h1Admissions"/> a week; H3: sampling, 4 rows of one trajectory, admissions 100.</summary>
    private static async Task SeedSourcesAsync(AggregationWorld world, double h1Admissions = 10)
    {
        await world.SeedRunAsync(H1, H1Run, TaskKind.Calibration,
            [.. Locations.Select(l => (l, SyntheticProjection.Build(FirstWeek, 3, 4, (_, _) => h1Admissions)))]);
        await world.SeedRunAsync(H3, H3Run, TaskKind.Sampling,
            [.. Locations.SelectMany(l => Enumerable.Range(0, 4).Select(_ => (l, SyntheticProjection.Build(FirstWeek, 3, 1, (_, _) => 100))))]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sum_RunsThroughTheThreeStages_AddingPairedTrajectories(bool cloud)
    {
        using var world = new AggregationWorld(cloud);
        await SeedSourcesAsync(world);
        world.WriteConfig("aggregation.yaml", Config());
        world.WriteConfig("output.yaml", Output);

        (await world.RunAllAsync()).ShouldBe(0, world.Log.ToString());

        for (var task = 0; task < Locations.Length; task++)
        {
            var aggregate = await world.AggregatedAsync(task);
            aggregate.Compartments.ShouldBe(["Hosp"]);
            aggregate.Flows.ShouldBe(["Home_sev_to_Hosp"]);
            aggregate.Trajectories.Count.ShouldBe(4);
            for (var k = 0; k < 4; k++)
                aggregate.Series(k, "Home_sev_to_Hosp_total").ShouldBe([110, 110, 110]);
            // H1's Hosp (0-4) is t + w, H3's is w: each H1 trajectory is used once, so the sums are 2w + {0, 1, 2, 3}.
            for (var w = 0; w < 3; w++)
                Enumerable.Range(0, 4).Select(k => aggregate.Series(k, "Hosp_0-4")[w]).Order().ShouldBe([2 * w, 2 * w + 1, 2 * w + 2, 2 * w + 3]);
        }
        var manifest = await world.Run.ReadJsonAsync(world.Run.Paths.Manifest, PipelineJsonContext.Default.BuildManifest);
        manifest.Kind.ShouldBe(TaskKind.Aggregation);
        manifest.Tasks.Select(t => t.Location).ShouldBe(Locations);
        manifest.Sources!.Select(s => (s.ExpId, s.RunId, s.Requested)).ShouldBe([(H1, H1Run, "latest"), (H3, H3Run, "latest")]);
        var builder = Encoding.UTF8.GetString((await world.Run.ReadBytesAsync(world.Run.Summary("builder.txt")))!);
        builder.ShouldContain($"source: {H1} run {H1Run} (run_id: latest");
        var metadata = await world.Run.ReadJsonAsync(world.Run.Paths.RunMetadata, PipelineJsonContext.Default.RunMetadata);
        metadata.Outputs.ShouldBe([OutputFileNames.QuantilesCompartments, OutputFileNames.QuantilesTransitions, OutputFileNames.TrajectoriesTransitions, OutputFileNames.ModelMetadata],
            ignoreOrder: true);
        var facts = Gunzip(await world.Run.ReadBytesAsync(world.Run.Paths.Outputs + OutputFileNames.ModelMetadata) ?? []);
        facts.ShouldContain($"source_run_id:{H3},{H3Run}");
        var trajectories = Gunzip(await world.Run.ReadBytesAsync(world.Run.Paths.Outputs + OutputFileNames.TrajectoriesTransitions) ?? []);
        trajectories.Split('\n')[1].ShouldEndWith(",110");
    }

    private static string Gunzip(byte[] bytes)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task WeightedSum_MultipliesEachSourceByItsWeight()
    {
        using var world = new AggregationWorld();
        await SeedSourcesAsync(world);
        world.WriteConfig("aggregation.yaml", Config("weighted_sum", h1: "\n      weight: 0.5", h3: "\n      weight: 2"));
        world.WriteConfig("output.yaml", Output);

        (await world.RunAllAsync()).ShouldBe(0, world.Log.ToString());

        var aggregate = await world.AggregatedAsync(1);
        for (var k = 0; k < 4; k++)
        {
            aggregate.Series(k, "Home_sev_to_Hosp_total").ShouldBe([205, 205, 205]);
            aggregate.Series(k, "Home_sev_to_Hosp_0-4").ShouldBe([51.25, 51.25, 51.25]);
        }
    }

    [Fact]
    public async Task Latest_IsTheNewestSuccessfulRun_SkippingFailedAndUnfinishedOnes()
    {
        using var world = new AggregationWorld();
        await SeedSourcesAsync(world, h1Admissions: 10);
        // Newer H1 runs: one whose record says FAILED (its output stage had written run_metadata.json), one unfinished.
        await world.SeedRunAsync(H1, "20261110-080000-00000003", TaskKind.Calibration, [.. Locations.Select(l => (l, SyntheticProjection.Build(FirstWeek, 3, 4, (_, _) => 999)))], state: "FAILED");
        await world.SeedRunAsync(H1, "20261120-080000-00000004", TaskKind.Calibration, [.. Locations.Select(l => (l, SyntheticProjection.Build(FirstWeek, 3, 4, (_, _) => 999)))], state: null, metadata: false);
        world.WriteConfig("aggregation.yaml", Config());
        world.WriteConfig("output.yaml", Output);

        (await world.RunAllAsync()).ShouldBe(0, world.Log.ToString());

        var manifest = await world.Run.ReadJsonAsync(world.Run.Paths.Manifest, PipelineJsonContext.Default.BuildManifest);
        manifest.Sources![0].RunId.ShouldBe(H1Run);
        (await world.AggregatedAsync(0)).Series(0, "Home_sev_to_Hosp_total").ShouldBe([110, 110, 110]);
    }

    [Fact]
    public async Task ASourceWithoutRuns_IsBadInputAtItsLine_AndNothingIsWritten()
    {
        using var world = new AggregationWorld();
        await SeedSourcesAsync(world);
        var path = world.WriteConfig("aggregation.yaml", Config(extraSource: "\n    - exp_id: flu-b"));
        world.WriteConfig("output.yaml", Output);

        world.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        world.Log.ToString().ShouldContain($"{path}:8:15: aggregation.sources[2].exp_id: experiment 'flu-b' has no run under flu-b/");
        (await world.RunObjectsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ASourceWithOnlyFailedRuns_OrAFailedRunNamed_IsBadInput()
    {
        using var world = new AggregationWorld();
        await SeedSourcesAsync(world);
        await world.SeedRunAsync("flu-b", "20261103-080000-00000005", TaskKind.Calibration, [.. Locations.Select(l => (l, SyntheticProjection.Build(FirstWeek, 3, 4, (_, _) => 1)))], state: "FAILED");
        var path = world.WriteConfig("aggregation.yaml", Config(h1: "\n      run_id: 20261103-080000-00000005", extraSource: "\n    - exp_id: flu-b"));
        world.WriteConfig("output.yaml", Output);

        world.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        var log = world.Log.ToString();
        log.ShouldContain($"{path}:6:15: aggregation.sources[0].run_id: run 20261103-080000-00000005 of '{H1}' does not exist");
        log.ShouldContain($"{path}:9:15: aggregation.sources[2].exp_id: none of the 1 run(s) of experiment 'flu-b' succeeded");
        (await world.RunObjectsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SourcesCoveringOtherLocations_AreBadInput()
    {
        using var world = new AggregationWorld();
        await SeedSourcesAsync(world);
        await world.SeedRunAsync("flu-b", "20261103-080000-00000005", TaskKind.Calibration, [("US-MA", SyntheticProjection.Build(FirstWeek, 3, 4, (_, _) => 1))]);
        world.WriteConfig("aggregation.yaml", Config(extraSource: "\n    - exp_id: flu-b"));
        world.WriteConfig("output.yaml", Output);

        world.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        world.Log.ToString().ShouldContain("covers other locations than the first source: lacks US-NY");
    }
}
