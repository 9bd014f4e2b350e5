using System.Net;
using Epy.Orchestrator.Cloud.Auth;
using Epy.Orchestrator.Cloud.Push;
using Epy.Orchestrator.Cloud.Tests.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Cloud.Tests.Auth;

/// <summary>
/// The service's own check of API callers (<see cref="ApiCallerCheck"/>), with tokens signed by a local key
/// standing in for Google's: a state-changing call needs a token for the API's audience from an allowed
/// principal; the push account's token (the push audience) and strangers are refused; reads pass.
/// </summary>
public sealed class ApiCallerTests : IAsyncLifetime, IDisposable
{
    private const string ApiAudience = "epy-orchestrator-prod-api";
    private const string ServiceUrl = "https://epy-orchestrator-123456789012.us-central1.run.app";
    private const string PushAudience = "epy-orchestrator-prod-push";
    private const string Scheduler = "scheduler-invoker@proj.iam.gserviceaccount.com";
    private const string Pusher = "push-invoker@proj.iam.gserviceaccount.com";
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(new ApiCallerOptions
        {
            Audiences = [ApiAudience, ServiceUrl],
            AllowedPrincipals = [$"serviceAccount:{Scheduler}", "user:alice@example.org", "domain:flu-lab.org"],
        });
        builder.Services.AddSingleton(new OidcTokenVerifier(_tokens.KeySetClient(),
            new PushOptions { Audience = PushAudience, AllowedEmails = [Pusher], KeySetUri = new Uri("https://keys.test/certs") }, _time));
        _app = builder.Build();
        var v1 = _app.MapGroup("/v1").AddEndpointFilter<ApiCallerCheck>();
        v1.MapPost("/runs", () => TypedResults.Created("/v1/runs/x"));
        v1.MapPost("/runs/{id}:cancel", (string id) => TypedResults.Ok(id));
        v1.MapPost("/reconcile", () => TypedResults.Ok());
        v1.MapGet("/runs", () => TypedResults.Ok());
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    public void Dispose() => _tokens.Dispose();

    private string Token(string email, string audience, string? hostedDomain = null) => _tokens.Sign(new Dictionary<string, object>
    {
        ["iss"] = "https://accounts.google.com",
        ["aud"] = audience,
        ["email"] = email,
        ["email_verified"] = true,
        ["iat"] = _time.GetUtcNow().ToUnixTimeSeconds(),
        ["exp"] = _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        ["sub"] = "1234",
        ["hd"] = hostedDomain ?? "",
    });

    private async Task<HttpStatusCode> PostAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("/v1/runs")]
    [InlineData("/v1/runs/20261124-101500-a1b2c3d4:cancel")]
    [InlineData("/v1/reconcile")]
    public async Task StateChangingCall_WithoutAToken_Is401(string path) =>
        (await PostAsync(path, null)).ShouldBe(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task Scheduler_ForTheApiAudience_IsLetIn()
    {
        (await PostAsync("/v1/reconcile", Token(Scheduler, ApiAudience))).ShouldBe(HttpStatusCode.OK);
        (await PostAsync("/v1/runs", Token(Scheduler, ApiAudience))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ConfiguredUser_ForTheServiceUrl_IsLetIn_AsIsADomainMember()
    {
        (await PostAsync("/v1/runs", Token("alice@example.org", ServiceUrl))).ShouldBe(HttpStatusCode.Created);
        (await PostAsync("/v1/runs", Token("bob@flu-lab.org", ServiceUrl, hostedDomain: "flu-lab.org"))).ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(Pusher, PushAudience, "the push account, for the push audience")]
    [InlineData(Scheduler, PushAudience, "the scheduler, for the push audience")]
    [InlineData("mallory@example.org", ServiceUrl, "a stranger with a valid Google token")]
    [InlineData("bob@flu-lab.org", ServiceUrl, "a domain's address without the domain's hd claim")]
    [InlineData("alice@example.org", "https://other-service.a.run.app", "a user's token for another service")]
    public async Task OtherCallersAndAudiences_AreRefused(string email, string audience, string who) =>
        (await PostAsync("/v1/runs", Token(email, audience))).ShouldBe(HttpStatusCode.Unauthorized, who);

    [Fact]
    public async Task Reads_NeedNoTokenOfTheService()
    {
        using var response = await _client.GetAsync("/v1/runs");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Options_WithVerificationOn_NeedAudiencesAndWellFormedPrincipals()
    {
        new ApiCallerOptions().Problems().Count().ShouldBe(2);
        new ApiCallerOptions { Audiences = ["a"], AllowedPrincipals = ["group:team@example.org"] }.Problems()
            .ShouldHaveSingleItem().ShouldContain("'group:team@example.org' is not user:EMAIL, serviceAccount:EMAIL or domain:NAME");
        new ApiCallerOptions { VerifyTokens = false }.Problems().ShouldBeEmpty();
    }
}
