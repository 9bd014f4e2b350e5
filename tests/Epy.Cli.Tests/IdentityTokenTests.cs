using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Epy.Cli.Client;
using Epy.Cli.Configuration;
using Epy.Contracts.Api;
using Epy.Orchestrator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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
    private readonly X509Certificate2 _certificate = SelfSigned();
    private string _fakeUrl = "";
    private int _fakeHttpsPort;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Plain http for the token endpoint, https (a self-signed certificate) for the stand-in orchestrator.
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate));
        });
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
        _fakeUrl = _fake.Urls.Single(url => url.StartsWith("http:", StringComparison.Ordinal));
        _fakeHttpsPort = new Uri(_fake.Urls.Single(url => url.StartsWith("https:", StringComparison.Ordinal))).Port;
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose()
    {
        _certificate.Dispose();
        _folder.Dispose();
    }

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
        File.ReadAllText(_folder.Combine("bin", "args")).Trim().ShouldBe($"auth print-identity-token --quiet --audiences={Service}");
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
        var tokens = new IdentityTokenSource(Vars(("GOOGLE_APPLICATION_CREDENTIALS", _folder.Combine("missing.json")), ("PATH", FakeGcloud())));
        using var client = new OrchestratorClient(new Uri($"https://orchestrator.test:{_fakeHttpsPort}"), tokens, RoutedToStandIn(_fakeHttpsPort));

        var run = await client.StartAsync(new StartRunRequest("flu"), null, CancellationToken.None);

        run.RunId.ShouldBe("20261124-101500-a1b2c3d4");
        _authorizations.ShouldHaveSingleItem().ShouldBe("Bearer gcloud-user-token");
    }

    [Fact]
    public async Task Client_RefusesPlainHttpToARemoteHost_BeforeMakingOrSendingAToken()
    {
        var port = new Uri(_fakeUrl).Port;
        var tokens = new IdentityTokenSource(Vars(("GOOGLE_APPLICATION_CREDENTIALS", _folder.Combine("missing.json")), ("PATH", FakeGcloud())));
        using var client = new OrchestratorClient(new Uri($"http://orchestrator.test:{port}"), tokens, RoutedToStandIn(port));

        var error = await Should.ThrowAsync<ConfigurationException>(() => client.StartAsync(new StartRunRequest("flu"), null, CancellationToken.None));

        error.Message.ShouldContain("over plain http");
        _authorizations.ShouldBeEmpty();
        File.Exists(_folder.Combine("bin", "args")).ShouldBeFalse("no token was minted");
    }

    [Fact]
    public async Task GcloudThatCannotMintForTheAudience_IsAnError_NeverAnUnscopedToken()
    {
        var bin = _folder.Combine("userbin");
        Directory.CreateDirectory(bin);
        var script = Path.Combine(bin, "gcloud");
        // A user login: gcloud mints audience-bound tokens only for service accounts, else an unscoped one.
        File.WriteAllText(script, "#!/bin/sh\ncase \"$*\" in *--audiences*) echo 'ERROR: Invalid account type for `--audiences`. Requires valid service account.' >&2; exit 1;; esac\necho unscoped-user-token\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tokens = new IdentityTokenSource(Vars(("GOOGLE_APPLICATION_CREDENTIALS", _folder.Combine("missing.json")), ("PATH", bin)));

        var error = await Should.ThrowAsync<ConfigurationException>(() => tokens.GetAsync(new Uri(Service), CancellationToken.None));

        error.Message.ShouldContain("--audiences failed: ERROR: Invalid account type");
        error.Hint.ShouldNotBeNull().ShouldContain("impersonate_service_account");
    }

    /// <summary>A handler whose connections to any host land on the stand-in at 127.0.0.1:<paramref name="port"/>, trusting its certificate alone.</summary>
    private SocketsHttpHandler RoutedToStandIn(int port)
    {
        var thumbprint = _certificate.GetCertHashString();
        return new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == thumbprint,
            },
        };
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=orchestrator.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
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
