using CsCheck;
using Epy.Contracts.Runs;

namespace Epy.Contracts.Tests.Runs;

public sealed class LabelsTests
{
    [Theory]
    [InlineData("flu_round05", "flu_round05")]
    [InlineData("Flu Round/05", "flu-round-05")]
    [InlineData("202445/flu-round_05", "202445-flu-round_05")]
    [InlineData("Épidémie", "-pid-mie")]
    [InlineData("a.b:c@d", "a-b-c-d")]
    [InlineData("", "")]
    public void SanitizeValue_LowercasesAndReplacesEveryOtherCharacter(string value, string expected) =>
        Labels.SanitizeValue(value).ShouldBe(expected);

    [Fact]
    public void SanitizeValue_Long_IsCutTo63()
    {
        var sanitized = Labels.SanitizeValue(new string('x', 70) + "END");

        sanitized.ShouldBe(new string('x', 63));
    }

    [Theory]
    [InlineData("Team", "team")]
    [InlineData("cost-center", "cost-center")]
    [InlineData("1abc", "l-1abc")]
    [InlineData("_private", "l-_private")]
    [InlineData("Épidémie", "l--pid-mie")]
    [InlineData("", "l-")]
    public void SanitizeKey_StartsWithALetter(string key, string expected) =>
        Labels.SanitizeKey(key).ShouldBe(expected);

    [Fact]
    public void SanitizeKey_LongKeyStartingWithADigit_IsPrefixedAndStillCutTo63()
    {
        var sanitized = Labels.SanitizeKey(new string('9', 70));

        sanitized.Length.ShouldBe(63);
        sanitized.ShouldStartWith("l-9");
    }

    [Fact]
    public void Sanitize_AnyText_GivesValidLabelsAndIsIdempotent()
    {
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["AZaz09 _-/.éK"], 0, 100]).Sample(text =>
        {
            var value = Labels.SanitizeValue(text);
            var key = Labels.SanitizeKey(text);

            Labels.IsValidValue(value).ShouldBeTrue();
            Labels.IsValidKey(key).ShouldBeTrue();
            Labels.SanitizeValue(value).ShouldBe(value);
            Labels.SanitizeKey(key).ShouldBe(key);
        }, iter: 1000);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("a-b_1", true)]
    [InlineData("1a", false)]
    [InlineData("", false)]
    [InlineData("A", false)]
    public void IsValidKey_FollowsTheLabelRules(string key, bool valid) => Labels.IsValidKey(key).ShouldBe(valid);
}
