using CsCheck;
using Epy.Contracts.Runs;

namespace Epy.Contracts.Tests.Runs;

/// <summary>
/// The id and label parsers on arbitrary text (and on mutations of valid ids): they never throw, and
/// whatever they accept is exactly what the rules allow, so no id can carry a path trick or a newline.
/// </summary>
public sealed class IdParsingFuzzTests
{
    private static readonly long Iterations = Fuzz.Iterations(3_000);

    private static readonly Gen<string> Candidates = Gen.OneOf(
        Fuzz.Text(),
        Fuzz.Mutants("20261124-101500-a1b2c3d4", "stage-b-20261124-101500-a1b2c3d4-12", "projects/p/locations/l/jobs/stage-a-20261124-101500-a1b2c3d4-1",
            "flu/round_05-us", "RUNNING", "SUCCEEDED", "FAILED"),
        Gen.OneOfConst("20261124-101500-a1b2c3d4\n", "flu\n", "flu/../x", "/flu", "flu/", "a//b", ".", "..", "stage-B-20261124-101500-a1b2c3d4-1",
            "stage-b-20261124-101500-a1b2c3d4-01", "stage-b-20261124-101500-a1b2c3d4-99999", "\u0130stanbul", "\u212Aelvin"));

    [Fact]
    public void RunIdTryParse_OnAnyText_AcceptsOnlyTheExactForm()
    {
        Candidates.Check(text =>
        {
            if (!RunId.TryParse(text, out var id))
                return;
            id.Value.ShouldBe(text);
            text.Length.ShouldBe(24);
            text.All(c => char.IsAsciiDigit(c) || c is '-' || c is >= 'a' and <= 'f').ShouldBeTrue(text);
        }, iterations: Iterations);
    }

    [Fact]
    public void ExperimentIdTryParse_OnAnyText_NeverAcceptsAPathTrick()
    {
        Candidates.Check(text =>
        {
            var ok = ExperimentId.TryParse(text, out var id, out var reason);
            if (!ok)
            {
                reason.ShouldNotBeNullOrWhiteSpace();
                return;
            }
            id.Value.ShouldBe(text);
            text.Length.ShouldBeInRange(1, ExperimentId.MaxLength);
            text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '/').ShouldBeTrue($"'{text}' was accepted");
            text.ShouldNotContain("..");
            text.ShouldNotStartWith("/");
            text.ShouldNotEndWith("/");
        }, iterations: Iterations);
    }

    [Fact]
    public void JobIdTryParse_OnAnyText_RoundTripsWhatItAccepts()
    {
        Candidates.Check(text =>
        {
            if (!JobId.TryParse(text, out var id))
                return;
            text.ShouldEndWith(id.Value);
            id.Value.Length.ShouldBeLessThanOrEqualTo(63);
            JobId.TryParse(id.Value, out var again).ShouldBeTrue();
            again.ShouldBe(id);
        }, iterations: Iterations);
    }

    [Fact]
    public void Labels_OnAnyText_AreAlwaysValidBatchLabels()
    {
        Candidates.Check(text =>
        {
            Labels.IsValidKey(Labels.SanitizeKey(text)).ShouldBeTrue($"key of '{text}'");
            Labels.IsValidValue(Labels.SanitizeValue(text)).ShouldBeTrue($"value of '{text}'");
        }, iterations: Iterations);
    }

    [Fact]
    public void StateNames_OnAnyText_ParseOnlyKnownNames()
    {
        Candidates.Check(text =>
        {
            if (JobStates.TryParseBatchName(text, out var state))
                state.ToBatchName().ShouldBe(text);
            if (RunStatuses.TryParse(text, out var status))
                string.Equals(status.ToWire().Replace("_", ""), text.Replace("_", "").Trim(), StringComparison.OrdinalIgnoreCase).ShouldBeTrue(text);
        }, iterations: Iterations);
    }
}
