using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Epy.Google.Auth;
using Google.Apis.Auth.OAuth2;

namespace Epy.Stages.Tests.Storage;

public sealed class GoogleCredentialTokenSourceTests
{
    [Fact]
    public async Task ServiceAccount_ExchangesAJwtWithTheStorageScope_ForAToken()
    {
        using var rsa = RSA.Create(2048);
        using var tokenServer = new HttpListener();
        var port = FreePort();
        tokenServer.Prefixes.Add($"http://127.0.0.1:{port}/");
        tokenServer.Start();
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "test-project",
            ["private_key_id"] = "key-1",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "runner@test-project.iam.gserviceaccount.com",
            ["client_id"] = "1",
            ["token_uri"] = $"http://127.0.0.1:{port}/token",
        });
        var source = new GoogleAccessTokenSource(CredentialFactory.FromJson<ServiceAccountCredential>(json).ToGoogleCredential(), GoogleAccessTokenSource.StorageReadWriteScope);

        var tokenTask = source.GetAccessTokenAsync().AsTask();
        var context = await tokenServer.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var form = await reader.ReadToEndAsync();
        var reply = Encoding.UTF8.GetBytes("""{"access_token":"ya29.test","expires_in":3600,"token_type":"Bearer"}""");
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(reply);
        context.Response.Close();

        (await tokenTask).ShouldBe("ya29.test");
        var assertion = WebUtility.UrlDecode(form.Split('&').Single(p => p.StartsWith("assertion=", StringComparison.Ordinal))["assertion=".Length..]);
        using var payload = JsonDocument.Parse(Base64UrlDecode(assertion.Split('.')[1]));
        payload.RootElement.GetProperty("scope").GetString().ShouldBe(GoogleAccessTokenSource.StorageReadWriteScope);
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
