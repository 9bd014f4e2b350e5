using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Epy.Orchestrator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Cloud.Tests.CloudMode;

/// <summary>
/// The orchestrator service in cloud mode over real HTTP on 127.0.0.1 (a free port), composed as
/// <c>Program.cs</c> composes it, from <paramref name="settings"/> as its configuration (what the
/// environment gives it on Cloud Run). Tests may replace services after the composition (a store that
/// fails on purpose). Every push it receives is recorded with the status it answered.
/// </summary>
public sealed class CloudService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPush> _pushes = new();

    private CloudService(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Its base address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The push endpoint's address.</summary>
    public Uri PushEndpoint => new(BaseAddress, "v1/events/batch");

    /// <summary>The service's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Every push received, in the order answered.</summary>
    public IReadOnlyList<ReceivedPush> Pushes => [.. _pushes];

    /// <summary>Builds the service (without starting it): options are validated when it starts.</summary>
    public static CloudService Build(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        // As Program.cs, in cloud mode.
        builder.Configuration.IsCloudMode().ShouldBeTrue("the settings must say EPY_MODE=cloud");
        builder.AddOrchestrator(OrchestratorMode.From(builder.Configuration));
        replace?.Invoke(builder.Services);
        var app = builder.Build();
        var service = new CloudService(app);
        app.Use(service.RecordPushAsync);
        app.MapOrchestrator();
        return service;
    }

    /// <summary>Builds and starts the service.</summary>
    public static async Task<CloudService> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        var service = Build(settings, replace);
        await service.StartAsync();
        return service;
    }

    /// <summary>Starts it (validating its options) and learns its port.</summary>
    public async Task StartAsync()
    {
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>Waits until <paramref name="count"/> pushes of <paramref name="messageId"/> were answered; fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedPush>> WaitForPushesAsync(string messageId, int count, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var received = Pushes.Where(p => p.MessageId == messageId).ToList();
            if (received.Count >= count)
                return received;
            if (waited.Elapsed > timeout)
                throw new TimeoutException($"{received.Count} of {count} pushes of message {messageId} within {timeout} (answers: {string.Join(", ", received.Select(p => p.Status))})");
            await Task.Delay(20);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task RecordPushAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path != "/v1/events/batch")
        {
            await next(context);
            return;
        }
        context.Request.EnableBuffering();
        string? messageId = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            // Any body may come (the fuzz tests send every shape): only an object's string messageId is recorded.
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.Object && message.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String)
                messageId = id.GetString();
        }
        catch (Exception unreadable) when (unreadable is JsonException or InvalidOperationException)
        {
            // Not JSON, or a messageId that is no string ("\ud800"): recorded without an id.
        }
        context.Request.Body.Position = 0;
        await next(context);
        _pushes.Enqueue(new ReceivedPush(messageId, context.Response.StatusCode));
    }
}

/// <summary>A push the service answered.</summary>
/// <param name="MessageId">The pushed message's id (null when the body was not an envelope).</param>
/// <param name="Status">The HTTP status it answered: 2xx acknowledges.</param>
public sealed record ReceivedPush(string? MessageId, int Status);
