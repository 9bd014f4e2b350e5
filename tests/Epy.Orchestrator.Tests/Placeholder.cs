namespace Epy.Orchestrator.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Builds() => true.ShouldBeTrue();
}
