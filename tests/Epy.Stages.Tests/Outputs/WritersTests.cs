using Epy.Stages.Outputs;

namespace Epy.Stages.Tests.Outputs;

public sealed class WritersTests
{
    private static readonly DateOnly FirstWeek = new(2025, 3, 1);

    private static LocationResult Location(int id = 0, string population = "US-MA", int trajectories = 5) => new(
        id, population, 42, SyntheticProjection.Build(FirstWeek, 3, trajectories, (t, w) => 10 * t + w),
        SyntheticProjection.Calibration());

    private static string[] Lines(Action<TextWriter> write)
    {
        using var text = new StringWriter();
        write(text);
        var csv = text.ToString();
        csv.ShouldEndWith("\n");
        csv.ShouldNotContain("\r");
        return csv.TrimEnd('\n').Split('\n');
    }

    [Fact]
    public void QuantilesCompartments_All_ListsEveryAgeGroupAndTotal_23LevelsPerWeek_QuantileMajor()
    {
        var lines = Lines(w => QuantilesWriter.Write(w, [Location()], SeriesKind.Compartments, SeriesSelection.All));

        // As epydemix names them: per age group, then the total, compartment by compartment.
        lines[0].ShouldBe("primary_id,seed,population,date,quantile,S_0-4,S_5+,S_total,Hosp_0-4,Hosp_5+,Hosp_total");
        lines.Length.ShouldBe(1 + 3 * 23);
        // Rows are quantile-major (epydemix's get_quantiles): level k, week w is row 1 + 3k + w.
        // Week 0, median: S = 1000 per age group; Hosp = t and 2·t over t = 0..4 → 2, 4, total 6.
        lines[1 + 3 * 11].ShouldBe("0,42,US-MA,2025-03-01,0.5,1000,1000,2000,2,4,6");
        // Week 2 (2025-03-15), level 0.025: Hosp = t + 2 and 2·(t + 2) → 2.1, 4.2, total 6.3.
        lines[1 + 3 * 1 + 2].ShouldBe("0,42,US-MA,2025-03-15,0.025,998,998,1996,2.1,4.2,6.3");
    }

    [Fact]
    public void QuantilesTransitions_List_UsesTheListedSeries_AndGivenLevels()
    {
        var lines = Lines(w => QuantilesWriter.Write(w, [Location(7, "US-AK")], SeriesKind.Transitions,
            SeriesSelection.Of(["Home_sev_to_Hosp_total", "Home_sev_to_Hosp_0-4"]), [0.1, 0.9]));

        lines[0].ShouldBe("primary_id,seed,population,date,quantile,Home_sev_to_Hosp_total,Home_sev_to_Hosp_0-4");
        lines.Length.ShouldBe(1 + 3 * 2);
        // Week 1: totals 10·t + 1 → {1, 11, 21, 31, 41}; 0.1 → 5, 0.9 → 37; age 0-4 is a quarter.
        lines[2].ShouldBe("7,42,US-AK,2025-03-08,0.1,5,1.25");
        lines[5].ShouldBe("7,42,US-AK,2025-03-08,0.9,37,9.25");
    }

    [Fact]
    public void Quantiles_UnknownOrWrongKindSeries_Throws()
    {
        Should.Throw<KeyNotFoundException>(() => QuantilesWriter.Write(TextWriter.Null, [Location()], SeriesKind.Transitions, SeriesSelection.Of(["Hosp_total"])));
        Should.Throw<KeyNotFoundException>(() => QuantilesWriter.Write(TextWriter.Null, [Location()], SeriesKind.Compartments, SeriesSelection.Of(["Hosp_65+"])));
    }

    [Fact]
    public void TrajectoriesCompartments_OneRowPerTrajectoryAndWeek()
    {
        var lines = Lines(w => TrajectoriesWriter.Write(w, [Location(), Location(1, "US-AK", 2)], SeriesKind.Compartments, SeriesSelection.Of(["Hosp_total"])));

        lines[0].ShouldBe("primary_id,sim_id,seed,population,date,Hosp_total");
        lines.Length.ShouldBe(1 + 5 * 3 + 2 * 3);
        lines[1].ShouldBe("0,0,42,US-MA,2025-03-01,0");
        lines[1 + 3 * 4 + 2].ShouldBe("0,4,42,US-MA,2025-03-15,18");
        lines[^1].ShouldBe("1,1,42,US-AK,2025-03-15,9");
    }

    [Fact]
    public void TrajectoriesTransitions_All_ListsTheFlowPerAgeGroupAndTotal()
    {
        var lines = Lines(w => TrajectoriesWriter.Write(w, [Location(trajectories: 1)], SeriesKind.Transitions, SeriesSelection.All));

        lines.ShouldBe(
        [
            "primary_id,sim_id,seed,population,date,Home_sev_to_Hosp_0-4,Home_sev_to_Hosp_5+,Home_sev_to_Hosp_total",
            "0,0,42,US-MA,2025-03-01,0,0,0",
            "0,0,42,US-MA,2025-03-08,0.25,0.75,1",
            "0,0,42,US-MA,2025-03-15,0.5,1.5,2",
        ]);
    }

    [Fact]
    public void Posteriors_ParametersThenCompartmentsThenStartOffset_LastGenerationByDefault()
    {
        var lines = Lines(w => PosteriorsWriter.Write(w, [Location()]));

        lines.ShouldBe(
        [
            "primary_id,population,Rt,L,start_date,weight",
            "0,US-MA,1.15,0.011,-1,0.2",
            "0,US-MA,1.25,0.012,0,0.3",
            "0,US-MA,1.35,0.013,1,0.5",
        ]);
    }

    [Fact]
    public void Posteriors_WithGeneration_ListsTheAskedGenerations()
    {
        var location = Location() with { Generations = [0, 1] };
        var lines = Lines(w => PosteriorsWriter.Write(w, [location, Location(3) with { Calibration = null }], includeGeneration: true));

        lines[0].ShouldBe("primary_id,population,generation,Rt,L,start_date,weight");
        lines.Length.ShouldBe(1 + 6);
        lines[1].ShouldBe("0,US-MA,0,1.1,0.01,-3,0.5");
        lines[4].ShouldBe("0,US-MA,1,1.15,0.011,-1,0.2");
    }

    [Fact]
    public void Posteriors_MissingGeneration_Throws()
    {
        var location = Location() with { Generations = [2] };
        Should.Throw<ArgumentOutOfRangeException>(() => PosteriorsWriter.Write(TextWriter.Null, [location]));
    }

    [Fact]
    public void ModelTable_OneRowPerModel_WithItsSampledValues()
    {
        var second = Location(3, "US-AK", 2);
        second = second with { Projection = second.Projection with { Quantities = ["Rt", "start_date"], Trajectories = [.. second.Projection.Trajectories.Select(t => t with { Theta = [1.7, 4] })] } };

        var lines = Lines(w => ModelTableWriter.Write(w, [Location(), second], 1.0));

        lines.ShouldBe(
        [
            "primary_id,seed,delta_t,population,n_sims,start_date,end_date,Rt",
            "0,42,1,US-MA,5,2025-03-01,2025-03-15,0.5",
            "3,42,1,US-AK,2,2025-03-01,2025-03-15,1.7",
        ]);
    }

    [Fact]
    public void ModelMetadata_WritesKeyValueRows_QuotingWhereNeeded()
    {
        var lines = Lines(w => ModelMetadataWriter.Write(w,
        [
            new("exp_id", "flu-2025"),
            new("description", "Example, with a comma and \"quotes\""),
            new("n_trajectories", "100"),
        ]));

        lines.ShouldBe(["key,value", "exp_id,flu-2025", "description,\"Example, with a comma and \"\"quotes\"\"\"", "n_trajectories,100"]);
    }

    [Fact]
    public void ModelMetadata_RepeatedKey_Throws()
    {
        Should.Throw<ArgumentException>(() => ModelMetadataWriter.Write(TextWriter.Null, [new("a", "1"), new("a", "2")]));
    }
}
