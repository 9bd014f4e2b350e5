using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Epy.Orchestrator.Cloud.Push;
using Epy.Orchestrator.Cloud.Tests.CloudMode;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Cloud.Tests.Push;

/// <summary>The service in cloud mode checks the OIDC token of every push (Google's keys replaced by a local key set).</summary>
public sealed class PushTokenTests : IDisposable
{
    private const string Audience = "https://epy-orchestrator-abc-uc.a.run.app";
    private const string Pusher = "pubsub-push@test-project.iam.gserviceaccount.com";
    private const string ForeignMessage = """{"message": {"messageId": "7", "attributes": {"Type": "OTHER"}}, "subscription": "projects/test-project/subscriptions/s"}""";
    private readonly TestTokens _tokens = new();

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("someone@test-project.iam.gserviceaccount.com", HttpStatusCode.Unauthorized)]
    [InlineData(Pusher, HttpStatusCode.NoContent)]
    public async Task Push_IsAcceptedOnlyWithATokenOfAnAllowedServiceAccount(string? email, HttpStatusCode expected)
    {
        var settings = CloudSettings.For(new Uri("http://127.0.0.1:9/"), "runs", CloudSettings.Nowhere, CloudSettings.Nowhere, "epy-runs", "projects/test-project/topics/batch-jobs");
        settings["Push:VerifyTokens"] = "true";
        settings["Push:Audience"] = Audience;
        settings["Push:AllowedEmails:0"] = Pusher;
        await using var service = await CloudService.StartAsync(settings, services =>
            services.AddSingleton(sp => new OidcTokenVerifier(_tokens.KeySetClient(), sp.GetRequiredService<PushOptions>(), TimeProvider.System)));
        using var http = new HttpClient();
        using var push = new HttpRequestMessage(HttpMethod.Post, service.PushEndpoint) { Content = new StringContent(ForeignMessage, Encoding.UTF8, "application/json") };
        if (email is not null)
            push.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.Sign(Claims(email)));

        using var response = await http.SendAsync(push);

        response.StatusCode.ShouldBe(expected);
    }

    private static object Claims(string email) => new
    {
        iss = "https://accounts.google.com",
        aud = Audience,
        email,
        email_verified = true,
        iat = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
        exp = TimeProvider.System.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        sub = "1234",
    };

    public void Dispose() => _tokens.Dispose();
}
