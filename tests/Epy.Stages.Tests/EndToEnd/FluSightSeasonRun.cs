namespace Epy.Stages.Tests.EndToEnd;

/// <summary>
/// One run of the example repository's current-season experiment (<c>flusight-2025-26</c>) with the
/// example's smaller test counts, shared by the tests that read it: builder, every runner task, output.
/// </summary>
public sealed class FluSightSeasonRun : IDisposable
{
    /// <summary>The experiment's locations in hub codes, in task order (US, US-MA, US-NH, US-NY).</summary>
    public static readonly IReadOnlyList<string> Locations = ["US", "25", "33", "36"];

    public FluSightSeasonRun()
    {
        Run = new ExampleRun(ExampleRun.FluSightExpId);
        Run.Stage("builder").ShouldBe(0, Run.Log.ToString());
        for (var task = 0; task < Locations.Count; task++)
            Run.Stage("runner", task).ShouldBe(0, Run.Log.ToString());
        Run.Stage("output").ShouldBe(0, Run.Log.ToString());
    }

    public ExampleRun Run { get; }

    public string Output(string name) => Path.Combine(Run.RunFolder, "outputs", name);

    public void Dispose() => Run.Dispose();
}
