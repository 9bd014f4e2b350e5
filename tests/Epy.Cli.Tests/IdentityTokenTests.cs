using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Epy.Cli.Client;
using Epy.Cli.Configuration;
using Epy.Contracts.Api;
using Epy.Orchestrator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Epy.Cli.Tests;

/// <summary>
/// The identity token for a Cloud Run orchestrator: from a service account key (against a local fake of
/// Google's token endpoint), else from a fake <c>gcloud</c> on PATH; none for a loopback server.
/// </summary>
public sealed class IdentityTokenTests : IAsyncLifetime, IDisposable
{
    private const string Service = "https://epy-orchestrator-abc123.a.run.app";
    private readonly TempFolder _folder = new();
    private readonly List<string> _assertions = [];
    private readonly List<string?> _authorizations = [];
    private WebApplication _fake = null!;
    private string _fakeUrl = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _fake = builder.Build();
        // Google's token endpoint for a service account's ID token: a JWT-bearer grant whose assertion carries target_audience.
        _fake.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            lock (_assertions)
                _assertions.Add(form["assertion"].ToString());
            return Results.Json(new Dictionary<string, object> { ["id_token"] = Jwt(Service), ["expires_in"] = 3600 });
        });
        // A stand-in orchestrator: records the Authorization header and answers like POST /v1/runs.
        _fake.MapPost("/v1/runs", (HttpRequest request) =>
        {
            lock (_authorizations)
                _authorizations.Add(request.Headers.Authorization.FirstOrDefault());
            var run = new RunView("20261124-101500-a1b2c3d4", "flu", "PENDING", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, 0, null, "cli",
                new Dictionary<string, string>(), [], [], 0, 0, "flu/20261124-101500-a1b2c3d4/", null, []);
            return Results.Json(run, OrchestratorJson.Options, statusCode: 201);
        });
        await _fake.StartAsync();
        _fakeUrl = _fake.Urls.Single();
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ServiceAccountKey_GivesAnOidcToken_ForTheServicesOrigin()
    {
        var tokens = new IdentityTokenSource(Vars(("GOOGLE_APPLICATION_CREDENTIALS", KeyFile()), ("PATH", "")));

        var token = await tokens.GetAsync(new Uri(Service + "/v1/runs"), CancellationToken.None);

        token.ShouldBe(Jwt(Service));
        var claims = Payload(_assertions.ShouldHaveSingleItem());
        claims.GetProperty("target_audience").GetString().ShouldBe(Service);
        claims.GetProperty("iss").GetString().ShouldBe("epycloud@test-project.iam.gserviceaccount.com");
    }

    [Fact]
    public async Task NoApplicationDefaultCredentials_FallsBackToGcloudOnPath()
    {
        var tokens = new IdentityTokenSource(Vars(("GOOGLE_APPLICATION_CREDENTIALS", _folder.Combine("missing.json")), ("PATH", FakeGcloud())));

        var token = await tokens.GetAsync(new Uri(Service), CancellationToken.None);

        token.ShouldBe("gcloud-user-token");
        File.ReadAllText(_folder.Combine("bin", "args")).Trim().ShouldBe("auth print-identity-token --quiet");
    }

    [Fact]
    public async Task NeitherCredentialsNorGcloud_IsAConfigurationError_WithAHint()
    {
        var tokens = new IdentityTokenSource(Vars(("GOOGLE_APPLICATION_CREDENTIALS", _folder.Combine("missing.json")), ("PATH", _folder.Path)));

        var error = await Should.ThrowAsync<ConfigurationException>(() => tokens.GetAsync(new Uri(Service), CancellationToken.None));

        error.Message.ShouldStartWith($"no identity token for {Service}: Application Default Credentials: ");
        error.Message.ShouldEndWith("and gcloud is not on PATH");
        error.Hint.ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("http://127.0.0.1:8765")]
    [InlineData("http://localhost:8765")]
    [InlineData("http://[::1]:8765")]
    public async Task LoopbackOrchestrator_GetsNoToken(string url)
    {
        var tokens = new IdentityTokenSource(Vars(("GOOGLE_APPLICATION_CREDENTIALS", _folder.Combine("missing.json")), ("PATH", "")));

        (await tokens.GetAsync(new Uri(url), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Client_SendsTheTokenAsBearer_ToARemoteOrchestrator()
    {
        // A made-up remote host whose connections land on the stand-in at 127.0.0.1.
        var port = new Uri(_fakeUrl).Port;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var tokens = new IdentityTokenSource(Vars(("GOOGLE_APPLICATION_CREDENTIALS", _folder.Combine("missing.json")), ("PATH", FakeGcloud())));
        using var client = new OrchestratorClient(new Uri($"http://orchestrator.test:{port}"), tokens, handler);

        var run = await client.StartAsync(new StartRunRequest("flu"), null, CancellationToken.None);

        run.RunId.ShouldBe("20261124-101500-a1b2c3d4");
        _authorizations.ShouldHaveSingleItem().ShouldBe("Bearer gcloud-user-token");
    }

    private static Dictionary<string, string> Vars(params (string Name, string Value)[] pairs) => pairs.ToDictionary(p => p.Name, p => p.Value);

    private string KeyFile()
    {
        using var rsa = RSA.Create(2048);
        var key = new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "test-project",
            ["private_key_id"] = "k1",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "epycloud@test-project.iam.gserviceaccount.com",
            ["client_id"] = "1",
            ["token_uri"] = $"{_fakeUrl}/token",
        };
        var file = _folder.Combine("key.json");
        File.WriteAllText(file, JsonSerializer.Serialize(key));
        return file;
    }

    private string FakeGcloud()
    {
        var bin = _folder.Combine("bin");
        Directory.CreateDirectory(bin);
        var script = Path.Combine(bin, "gcloud");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$@\" > '{bin}/args'\necho gcloud-user-token\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    /// <summary>An unsigned-looking ID token with an audience and a far expiry (the client only reads it).</summary>
    private static string Jwt(string audience)
    {
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part(new { alg = "RS256", typ = "JWT" })}.{Part(new { aud = audience, iss = "https://accounts.google.com", iat = 1_700_000_000, exp = 4_000_000_000 })}.c2ln";
    }

    private static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part += new string('=', (4 - part.Length % 4) % 4);
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part))).RootElement;
    }
}
