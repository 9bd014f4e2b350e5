using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

/// <summary>
/// The hub's example submission against the hub's configuration (made to accept the example's round,
/// tests/Shared/flusight-hub/README.md), and mutated copies of it, each breaking one rule.
/// </summary>
public sealed class SubmissionValidatorTests
{
    private static readonly string Fixtures = Path.Combine(TestData.RepositoryRoot, "tests", "Shared", "flusight-hub");
    private static readonly Lazy<HubConfig> ExampleRound = new(() => HubConfigFolder.Load(Path.Combine(Fixtures, "example-round", "hub-config")));
    private static readonly Lazy<string> Example = new(() => File.ReadAllText(Path.Combine(Fixtures, "2025-10-18-example-submission.csv")));

    private static List<string> Lines => [.. Example.Value.TrimEnd('\n').Split('\n')];

    private static IReadOnlyList<SubmissionProblem> Validate(IEnumerable<string> lines, HubConfig? config = null) =>
        SubmissionValidator.Validate(config ?? ExampleRound.Value, SubmissionTable.Parse(string.Join('\n', lines) + "\n"));

    private static int LineOf(List<string> lines, string contains) => lines.FindIndex(l => l.Contains(contains, StringComparison.Ordinal));

    [Fact]
    public void TheHubsExample_IsValid()
    {
        var problems = Validate(Lines);

        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [Fact]
    public void TheHubsExample_AgainstTheBundled2025To26Config_FailsOnItsRoundItsDatesAndItsPeakWeeks()
    {
        var bundled = HubConfigFolder.Load(HubConfigFolder.Bundled(AppContext.BaseDirectory));

        var problems = Validate(Lines, bundled);

        problems.ShouldContain(p => p.Check == "valid_round_id" && p.Message.StartsWith("2025-10-18 is not a round of the hub", StringComparison.Ordinal));
        problems.Where(p => p.Check == "valid_round_id").ShouldHaveSingleItem();
        problems.Where(p => p.Check == "tbl_values").ShouldAllBe(p => p.Message.Contains("target_end_date", StringComparison.Ordinal) || p.Message.Contains("peak week", StringComparison.Ordinal));
        // The peak-week categories the 2025-26 config does not list are refused, so the rest neither sum to 1 nor cover its season.
        problems.Where(p => p.Check is "missing_req_vals" or "value_col_sum1").ShouldAllBe(p => p.Where.Contains("target 'peak week inc flu hosp'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Message.Contains("output_type_id '2025-10-18' is not a pmf id of 'peak week inc flu hosp'", StringComparison.Ordinal), string.Join("\n", problems));
    }

    [Fact]
    public void TheBundledConfig_HasFluSightsRoundsTargetsAndRules()
    {
        var config = HubConfigFolder.Load(HubConfigFolder.Bundled(AppContext.BaseDirectory));

        var round = config.Rounds.ShouldHaveSingleItem();
        round.RoundIdFromVariable.ShouldBeTrue();
        round.RoundId.ShouldBe("reference_date");
        round.RoundIds.ShouldContain("2025-11-22");
        round.ModelTasks.Select(t => t.TaskId("target")!.Values.Single()).ShouldBe(
            ["wk flu hosp rate change", "wk inc flu hosp", "peak inc flu hosp", "peak week inc flu hosp", "wk inc flu prop ed visits"]);
        var incidence = round.ModelTasks[1];
        incidence.TaskId("horizon")!.Values.ShouldBe(["-1", "0", "1", "2", "3"]);
        incidence.TaskId("location")!.Values.Count.ShouldBe(53);
        incidence.OutputType("quantile")!.RequiredIds.Count.ShouldBe(23);
        incidence.OutputType("quantile")!.IsRequired.ShouldBeTrue();
        incidence.OutputType("sample")!.Sample.ShouldBe(new HubTaskSampleRule("character", 15, 100, 100, ["reference_date", "location", "target"]), new SampleRuleComparer());
        incidence.OutputType("sample")!.Value.ShouldBe(new HubTaskValueRule("integer", 0, null));
        round.ModelTasks[2].TaskId("horizon")!.IsUnused.ShouldBeTrue();
        round.ModelTasks[0].OutputType("pmf")!.RequiredIds.ShouldBe(["large_decrease", "decrease", "stable", "increase", "large_increase"]);
        config.Checks.HorizonTimediff.ShouldBe(new HubConfigTimediff("reference_date", "target_end_date"));
        config.Checks.CountsBelowPopulation!.Targets.ShouldBe(["wk inc flu hosp"]);
        config.Checks.CountsBelowPopulation.Populations["US"].ShouldBe(340110988);
        config.FileFormats.ShouldBe(["csv", "parquet"]);
    }

    [Fact]
    public void ARequiredLocation_Dropped_IsMissing()
    {
        var required = RequireLocations(ExampleRound.Value, "US", "01");
        var lines = Lines.Where((l, i) => i == 0 || !l.Contains(",01,wk inc flu hosp,", StringComparison.Ordinal)).ToList();

        var problems = Validate(lines, required);

        var problem = problems.ShouldHaveSingleItem(string.Join("\n", problems));
        problem.ToString().ShouldBe("'wk inc flu hosp', location 01: required, but no rows [missing_req_vals]");
    }

    [Fact]
    public void TwoQuantiles_Swapped_BreakNonDecreasing()
    {
        var lines = Lines;
        var low = LineOf(lines, "2025-10-18,0,2025-10-18,US,wk inc flu hosp,quantile,0.25,");
        var high = LineOf(lines, "2025-10-18,0,2025-10-18,US,wk inc flu hosp,quantile,0.75,");
        (lines[low], lines[high]) = (Swap(lines[low], lines[high]), Swap(lines[high], lines[low]));

        var problems = Validate(lines);

        problems.ShouldNotBeEmpty();
        problems.ShouldAllBe(p => p.Check == "value_col_non_desc");
        problems[0].Where.ShouldStartWith("target 'wk inc flu hosp', horizon 0, location US, target_end_date 2025-10-18 (lines ");
        problems[0].Message.ShouldContain("values must not decrease with the level");
    }

    [Fact]
    public void APmf_SummingTo09_DoesNotSumToOne()
    {
        var lines = Lines;
        var at = LineOf(lines, "2025-10-18,1,2025-10-25,01,wk flu hosp rate change,pmf,large_increase,");
        var value = double.Parse(lines[at].Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture);
        lines[at] = Replace(lines[at], value - 0.1);

        var problem = Validate(lines).ShouldHaveSingleItem();

        problem.Check.ShouldBe("value_col_sum1");
        problem.Where.ShouldStartWith("target 'wk flu hosp rate change', horizon 1, location 01, target_end_date 2025-10-25 (lines ");
        problem.Message.ShouldStartWith("pmf values sum to 0.9");
    }

    [Fact]
    public void AWrongTargetEndDate_BreaksTheHorizonTimediff()
    {
        var lines = Lines;
        var at = LineOf(lines, "2025-10-18,2,2025-11-01,US,wk inc flu prop ed visits,quantile,0.5,");
        lines[at] = lines[at].Replace("2025-10-18,2,2025-11-01", "2025-10-18,2,2025-10-25", StringComparison.Ordinal);

        var problems = Validate(lines);

        problems.ShouldContain(p => p.ToString() == $"line {at + 1}: target_end_date 2025-10-25 is not reference_date + 7 days x horizon 2 (2025-11-01) [horizon_timediff]", string.Join("\n", problems));
    }

    [Fact]
    public void AnUnknownTarget_IsNamed()
    {
        var lines = Lines;
        var at = LineOf(lines, ",US,peak inc flu hosp,quantile,0.5,");
        lines[at] = lines[at].Replace("peak inc flu hosp", "peak inc covid hosp", StringComparison.Ordinal);

        var problems = Validate(lines);

        problems.ShouldContain(p => p.ToString() == $"line {at + 1}: unknown target 'peak inc covid hosp' [tbl_values]", string.Join("\n", problems));
    }

    [Fact]
    public void ASampleId_SharedByTwoLocations_BreaksTheSampleRules()
    {
        var lines = Lines;
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Contains(",US,wk inc flu hosp,sample,US07,", StringComparison.Ordinal))
                lines[i] = lines[i].Replace(",US07,", ",AL07,", StringComparison.Ordinal);
        }

        var problems = Validate(lines);

        problems.ShouldContain(p => p.Check == "spl_compound_taskid_set" && p.Message.StartsWith("sample 'AL07' spans 2 compound tasks", StringComparison.Ordinal), string.Join("\n", problems));
        problems.ShouldNotContain(p => p.Check == "spl_n");
    }

    [Fact]
    public void ASampleDropped_LeavesTooFewSamplesForItsTask()
    {
        var lines = Lines.Where(l => !l.Contains(",sample,US07,", StringComparison.Ordinal)).ToList();

        var problem = Validate(lines).ShouldHaveSingleItem();

        problem.Check.ShouldBe("spl_n");
        problem.Where.ShouldStartWith("reference_date 2025-10-18, location US, target wk inc flu hosp (lines ");
        problem.Message.ShouldBe("99 samples, the hub takes 100 per task of 'wk inc flu hosp'");
    }

    [Fact]
    public void ADuplicateRow_IsNotUnique()
    {
        var lines = Lines;
        var at = LineOf(lines, "2025-10-18,3,2025-11-08,01,wk flu hosp rate change,pmf,increase,");
        lines.Add(lines[at]);

        var problems = Validate(lines);

        problems.ShouldContain(p => p.Check == "rows_unique" && p.Where == $"lines {at + 1}, {lines.Count} (2 rows)", string.Join("\n", problems));
    }

    [Fact]
    public void ACountAbovePopulation_AndANegativeValue_AreOutOfBounds()
    {
        var lines = Lines;
        var count = LineOf(lines, "2025-10-18,3,2025-11-08,01,wk inc flu hosp,quantile,0.99,");
        var share = LineOf(lines, "2025-10-18,3,2025-11-08,01,wk inc flu prop ed visits,quantile,0.01,");
        lines[count] = Replace(lines[count], 6e6);
        lines[share] = Replace(lines[share], -0.5);

        var problems = Validate(lines);

        problems.ShouldContain(p => p.ToString() == $"line {count + 1}: 'wk inc flu hosp' count 6000000 is not below location 01's population 5157699 [counts_lt_popn]", string.Join("\n", problems));
        problems.ShouldContain(p => p.Check == "value_col_valid" && p.Where == $"line {share + 1}" && p.Message.Contains("below the minimum 0", StringComparison.Ordinal));
    }

    [Fact]
    public void WrongColumns_AreOneProblem()
    {
        var lines = Lines;
        lines[0] = lines[0].Replace("output_type_id", "type_id", StringComparison.Ordinal);

        var problem = Validate(lines).ShouldHaveSingleItem();

        problem.Check.ShouldBe("colnames");
        problem.Message.ShouldContain("missing output_type_id; not expected type_id");
    }

    [Fact]
    public void ManyRows_WithOneProblem_AreOneLine()
    {
        SubmissionProblems.Lines([9, 2, 3, 4, 7]).ShouldBe("lines 2-4, 7, 9 (5 rows)");
        SubmissionProblems.Lines([5]).ShouldBe("line 5");
    }

    private static string Swap(string line, string other) => string.Join(',', line.Split(',')[..^1].Append(other.Split(',')[^1]));

    private static string Replace(string line, double value) =>
        string.Join(',', line.Split(',')[..^1].Append(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    private static HubConfig RequireLocations(HubConfig config, params string[] locations) => config with
    {
        Rounds = [.. config.Rounds.Select(r => r with
        {
            ModelTasks = [.. r.ModelTasks.Select(t => t with
            {
                TaskIds = [.. t.TaskIds.Select(i => i.Name != "location" ? i : i with
                {
                    Required = locations,
                    Optional = [.. i.Optional.Except(locations)],
                })],
            })],
        })],
    };

    private sealed class SampleRuleComparer : IEqualityComparer<HubTaskSampleRule?>
    {
        public bool Equals(HubTaskSampleRule? x, HubTaskSampleRule? y) =>
            x is not null && y is not null && x with { CompoundTaskIdSet = [] } == y with { CompoundTaskIdSet = [] } && x.CompoundTaskIdSet.SequenceEqual(y.CompoundTaskIdSet);

        public int GetHashCode(HubTaskSampleRule? obj) => 0;
    }
}
