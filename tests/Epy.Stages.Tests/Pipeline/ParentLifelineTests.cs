using Epy.Contracts.Stages;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.Pipeline;

public sealed class ParentLifelineTests
{
    [Fact]
    public async Task Watch_WhenTheInputEnds_CallsLostOnce()
    {
        var lost = new TaskCompletionSource();
        var calls = 0;

        var watching = ParentLifeline.Watch(name => name == StageVariables.StdinLifeline ? "1" : null, new StringReader("ignored\n"), () =>
        {
            Interlocked.Increment(ref calls);
            lost.TrySetResult();
        });

        watching.ShouldBeTrue();
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        calls.ShouldBe(1);
    }

    [Fact]
    public void Watch_WithoutTheVariable_DoesNotWatch()
    {
        var called = false;

        ParentLifeline.Watch(_ => null, new StringReader(""), () => called = true).ShouldBeFalse();

        Thread.Sleep(100);
        called.ShouldBeFalse();
    }
}
