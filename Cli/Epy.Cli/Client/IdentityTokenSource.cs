using System.ComponentModel;
using System.Diagnostics;
using Epy.Cli.Configuration;
using Epy.Google.Auth;

namespace Epy.Cli.Client;

/// <summary>
/// The identity token that lets <c>epycloud</c> call a Cloud Run service: an OIDC token for the service's URL
/// from Application Default Credentials (a service account key or the metadata server, through Epy.Google's
/// <see cref="GoogleIdentityTokens"/>), else
/// <c>gcloud auth print-identity-token --audiences=URL</c> (gcloud's account, or the service account it
/// impersonates). Always minted for the service's own audience: never a login's unscoped token, which
/// every Cloud Run service would accept. None for a loopback orchestrator (<c>serve --local</c>).
/// </summary>
public sealed class IdentityTokenSource(IReadOnlyDictionary<string, string> variables, TextWriter? verbose = null)
{
    /// <summary>The token for calls to <paramref name="service"/>, or null when it needs none.</summary>
    public async Task<string?> GetAsync(Uri service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.IsLoopback)
            return null;
        var audience = service.GetLeftPart(UriPartial.Authority);
        string adcProblem;
        try
        {
            // GOOGLE_APPLICATION_CREDENTIALS from the given variables (not only the process's), else ADC's own search.
            var token = await GoogleIdentityTokens.MintAsync(audience, variables.GetValueOrDefault("GOOGLE_APPLICATION_CREDENTIALS"), cancellationToken).ConfigureAwait(false);
            verbose?.WriteLine($"epycloud: identity token for {audience} from Application Default Credentials");
            return token;
        }
        catch (Exception adc) when (adc is not OperationCanceledException)
        {
            adcProblem = FirstLine(adc.Message);
            verbose?.WriteLine($"epycloud: Application Default Credentials gave no identity token ({adcProblem}); trying gcloud");
        }
        return await FromGcloudAsync(audience, adcProblem, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> FromGcloudAsync(string audience, string adcProblem, CancellationToken cancellationToken)
    {
        var gcloud = Find("gcloud");
        if (gcloud is null)
        {
            throw new ConfigurationException(
                $"no identity token for {audience}: Application Default Credentials: {adcProblem}; and gcloud is not on PATH",
                "set GOOGLE_APPLICATION_CREDENTIALS to a service account key, or install gcloud and run 'gcloud auth login'");
        }
        var info = new ProcessStartInfo(gcloud) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "auth", "print-identity-token", "--quiet", $"--audiences={audience}" })
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in variables)
            info.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception("gcloud did not start");
        }
        catch (Win32Exception)
        {
            throw new ConfigurationException(
                $"no identity token for {audience}: Application Default Credentials: {adcProblem}; and {gcloud} did not start",
                "reinstall gcloud, or set GOOGLE_APPLICATION_CREDENTIALS to a service account key");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var token = (await output.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0 || token.Length == 0)
            {
                throw new ConfigurationException(
                    $"no identity token for {audience}: gcloud auth print-identity-token --audiences failed: {FirstLine(await error.ConfigureAwait(false))}",
                    "a token for one service's audience needs a service account: 'gcloud config set auth/impersonate_service_account SA_EMAIL' (with roles/iam.serviceAccountTokenCreator), or set GOOGLE_APPLICATION_CREDENTIALS to a service account key");
            }
            verbose?.WriteLine($"epycloud: identity token for {audience} from gcloud");
            return token;
        }
    }

    /// <summary>The program <paramref name="name"/> on the variables' PATH, or null.</summary>
    private string? Find(string name) =>
        (variables.GetValueOrDefault("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no message)";
}
