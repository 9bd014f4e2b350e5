using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Epy.Google.Resilience;

namespace Epy.Orchestrator.Cloud.Tests.Resilience;

/// <summary>The shared pipeline, against a scripted HTTP handler, on a fake clock.</summary>
public sealed class CloudResilienceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ScriptedHandler _handler = new();
    private readonly HttpClient _http;

    public CloudResilienceTests() => _http = new HttpClient(_handler);

    // No backoff pause unless a test wants one: only Retry-After and the breaker move the clock.
    private static CloudResilienceOptions Options => new("Test") { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, MaxRetries = 3 };

    private Task<HttpResponseMessage> Call(ResiliencePipeline<HttpResponseMessage> pipeline) =>
        pipeline.ExecuteAsync(ct => new ValueTask<HttpResponseMessage>(_http.GetAsync(new Uri("http://service.test/v1/thing"), ct)), CancellationToken.None).AsTask();

    [Fact]
    public async Task Http_RetryAfterInSeconds_IsWaitedOut_ThenRetried()
    {
        _handler.Answer(HttpStatusCode.TooManyRequests, after => after.Delta = TimeSpan.FromSeconds(7));
        var call = Call(CloudResilience.Http(Options, _time));
        await WaitUntil(() => _handler.Calls == 1);

        _time.Advance(TimeSpan.FromSeconds(6));
        await Task.Delay(50);
        _handler.Calls.ShouldBe(1, "the retry came before Retry-After");
        _time.Advance(TimeSpan.FromSeconds(1));

        (await call).StatusCode.ShouldBe(HttpStatusCode.OK);
        _handler.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task Http_RetryAfterAsADate_IsWaitedOut_ThenRetried()
    {
        _handler.Answer(HttpStatusCode.ServiceUnavailable, after => after.Date = Start.AddSeconds(12));
        var call = Call(CloudResilience.Http(Options, _time));
        await WaitUntil(() => _handler.Calls == 1);

        _time.Advance(TimeSpan.FromSeconds(11));
        await Task.Delay(50);
        _handler.Calls.ShouldBe(1, "the retry came before the date Retry-After named");
        _time.Advance(TimeSpan.FromSeconds(1));

        (await call).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Http_RetryAfterLongerThanTheCap_IsCut()
    {
        _handler.Answer(HttpStatusCode.TooManyRequests, after => after.Delta = TimeSpan.FromHours(1));
        var call = Call(CloudResilience.Http(Options with { MaxRetryAfter = TimeSpan.FromSeconds(20) }, _time));
        await WaitUntil(() => _handler.Calls == 1);

        _time.Advance(TimeSpan.FromSeconds(20));

        (await call).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task Http_TransientStatus_IsRetried(HttpStatusCode status)
    {
        _handler.Answer(status);
        _handler.Answer(status);

        var response = await Call(CloudResilience.Http(Options, _time));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _handler.Calls.ShouldBe(3);
    }

    [Fact]
    public async Task Http_DroppedConnection_IsRetried()
    {
        _handler.Fail(new HttpRequestException("connection reset"));

        (await Call(CloudResilience.Http(Options, _time))).StatusCode.ShouldBe(HttpStatusCode.OK);
        _handler.Calls.ShouldBe(2);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    public async Task Http_ClientError_IsNotRetried(HttpStatusCode status)
    {
        _handler.Answer(status);

        (await Call(CloudResilience.Http(Options, _time))).StatusCode.ShouldBe(status);
        _handler.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Http_TransientEveryTime_ReturnsTheLastAnswerAfterTheRetries()
    {
        for (var i = 0; i < 5; i++)
            _handler.Answer(HttpStatusCode.BadGateway);

        (await Call(CloudResilience.Http(Options with { MaxRetries = 2 }, _time))).StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        _handler.Calls.ShouldBe(3);
    }

    [Fact]
    public async Task Http_RepeatedFailures_OpenTheBreaker_WhichClosesAfterItsBreak()
    {
        var pipeline = CloudResilience.Http(Options with
        {
            MaxRetries = 0,
            MinimumThroughput = 4,
            FailureRatio = 0.5,
            SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = TimeSpan.FromSeconds(5),
        }, _time);
        for (var i = 0; i < 4; i++)
            _handler.Answer(HttpStatusCode.ServiceUnavailable);
        for (var i = 0; i < 4; i++)
            (await Call(pipeline)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        await Should.ThrowAsync<BrokenCircuitException>(() => Call(pipeline));
        _handler.Calls.ShouldBe(4, "an open circuit refuses without calling");
        _time.Advance(TimeSpan.FromSeconds(4));
        await Should.ThrowAsync<BrokenCircuitException>(() => Call(pipeline));

        _time.Advance(TimeSpan.FromSeconds(1));
        (await Call(pipeline)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Call(pipeline)).StatusCode.ShouldBe(HttpStatusCode.OK);
        _handler.Calls.ShouldBe(6);
    }

    [Fact]
    public async Task Http_BreakerBelongsToOnePipeline()
    {
        var options = Options with { MaxRetries = 0, MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(5) };
        var broken = CloudResilience.Http(options, _time);
        _handler.Answer(HttpStatusCode.ServiceUnavailable);
        _handler.Answer(HttpStatusCode.ServiceUnavailable);
        await Call(broken);
        await Call(broken);
        await Should.ThrowAsync<BrokenCircuitException>(() => Call(broken));

        (await Call(CloudResilience.Http(options with { Service = "Other" }, _time))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Http_AttemptSlowerThanTheTimeout_IsAbandonedAndRetried()
    {
        _handler.Stall();
        var call = Call(CloudResilience.Http(Options with { AttemptTimeout = TimeSpan.FromSeconds(2) }, _time));
        await WaitUntil(() => _handler.Calls == 1);

        _time.Advance(TimeSpan.FromSeconds(2));

        (await call).StatusCode.ShouldBe(HttpStatusCode.OK);
        _handler.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task Http_AttemptSlowerThanTheTimeout_WithoutRetries_FailsAsTimedOut()
    {
        _handler.Stall();
        var call = Call(CloudResilience.Http(Options with { MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(2) }, _time));
        await WaitUntil(() => _handler.Calls == 1);

        _time.Advance(TimeSpan.FromSeconds(2));

        await Should.ThrowAsync<TimeoutRejectedException>(() => call);
    }

    [Fact]
    public void Options_AttemptTimeoutNearCloudRunsLimit_AreRefused()
    {
        var options = Options with { AttemptTimeout = TimeSpan.FromMinutes(5) };

        options.Problems().ShouldContain(problem => problem.Contains("AttemptTimeout", StringComparison.Ordinal));
        Should.Throw<ArgumentException>(() => CloudResilience.Http(options, _time));
    }

    [Fact]
    public async Task Exceptions_TransientFailure_IsRetriedAfterThePauseTheServerAskedFor()
    {
        var calls = 0;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(CloudResilience.Retry(Options with { MaxRetries = 1 }, failure => failure is InvalidOperationException, _ => TimeSpan.FromSeconds(3)))
            .Build();

        var call = pipeline.ExecuteAsync(_ => ++calls == 1 ? throw new InvalidOperationException("busy") : ValueTask.CompletedTask).AsTask();
        await WaitUntil(() => calls == 1);
        _time.Advance(TimeSpan.FromSeconds(2));
        await Task.Delay(50);
        calls.ShouldBe(1, "the retry came before the server's pause");
        _time.Advance(TimeSpan.FromSeconds(1));

        await call;
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task Exceptions_SharedBreaker_OpensForEveryPipelineUsingIt()
    {
        var breaker = CloudResilience.Breaker(Options with { MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(5) }, _time, _ => false);
        var reads = new ResiliencePipelineBuilder { TimeProvider = _time }.AddPipeline(breaker).Build();
        var writes = new ResiliencePipelineBuilder { TimeProvider = _time }.AddPipeline(breaker).Build();

        await Should.ThrowAsync<IOException>(() => reads.ExecuteAsync(_ => throw new IOException("reset")).AsTask());
        await Should.ThrowAsync<TimeoutException>(() => reads.ExecuteAsync(_ => throw new TimeoutException("slow")).AsTask());

        await Should.ThrowAsync<BrokenCircuitException>(() => writes.ExecuteAsync(_ => ValueTask.CompletedTask).AsTask());
        _time.Advance(TimeSpan.FromSeconds(5));
        await writes.ExecuteAsync(_ => ValueTask.CompletedTask);
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "waited too long");
            await Task.Delay(5);
        }
    }

    /// <summary>Answers from a script, then 200; counts the calls that reached it.</summary>
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _script = new();
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Answer(HttpStatusCode status, Action<RetryConditionHeaderValueBuilder>? retryAfter = null) => _script.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status);
            if (retryAfter is not null)
            {
                var after = new RetryConditionHeaderValueBuilder();
                retryAfter(after);
                response.Headers.RetryAfter = after.Build();
            }
            return Task.FromResult(response);
        });

        public void Fail(Exception failure) => _script.Enqueue(_ => Task.FromException<HttpResponseMessage>(failure));

        public void Stall() => _script.Enqueue(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new UnreachableException();
        });

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            lock (_script)
                return _script.TryDequeue(out var next) ? next(cancellationToken) : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    /// <summary>A Retry-After header in seconds or as a date.</summary>
    private sealed class RetryConditionHeaderValueBuilder
    {
        public TimeSpan? Delta { get; set; }

        public DateTimeOffset? Date { get; set; }

        public RetryConditionHeaderValue Build() => Delta is { } delta ? new RetryConditionHeaderValue(delta) : new RetryConditionHeaderValue(Date!.Value);
    }
}
