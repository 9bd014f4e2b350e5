using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Randomness;

public sealed class Xoshiro256StreamTests
{
    [Fact]
    public void ReseedForStream_AfterOtherDraws_GivesTheDrawsOfForStream()
    {
        var reused = new Xoshiro256(99);
        reused.NextUInt64();

        reused.ReseedForStream(7, 3, 1, 4);

        var fresh = Xoshiro256.ForStream(7, 3, 1, 4);
        for (var i = 0; i < 16; i++)
            reused.NextUInt64().ShouldBe(fresh.NextUInt64(), $"draw {i}");
    }
}
