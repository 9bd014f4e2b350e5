using System.Net;
using Epy.Contracts.Builder;
using Epy.Stages.ForecastRepo;
using Epy.Google.SecretManager;
using Google.Apis.Auth.OAuth2.Responses;
using Polly.Timeout;

namespace Epy.Stages.Pipeline;

public static partial class BuilderStage
{
    /// <summary>
    /// The forecast repository: the folder <c>FORECAST_REPO_DIR</c> names, or else a shallow clone of
    /// <c>GITHUB_FORECAST_REPO</c> at <c>FORECAST_REPO_REF</c> with the token <c>GITHUB_PAT_SECRET</c> names
    /// (the clone is returned too, for the caller to delete).
    /// </summary>
    private static async Task<(string Root, ForecastRepoSource Source, ForecastRepoCheckout? Clone)> OpenRepositoryAsync(
        StageContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        if (settings.ForecastRepoDir is { } folder)
            return (folder, new ForecastRepoSource(Path.GetFullPath(folder), null, null), null);
        var text = StageSettings.Require(settings.GithubForecastRepo, "FORECAST_REPO_DIR or GITHUB_FORECAST_REPO",
            "the forecast repository holding experiments/{exp_id}/config (a folder, or owner/repo to clone)");
        if (!GitRemote.TryParse(text, out var remote, out var reason))
            throw StageException.BadInput($"GITHUB_FORECAST_REPO: {reason}");
        var token = settings.GithubPatSecret is { } secret ? await ReadTokenAsync(context, secret, cancellationToken).ConfigureAwait(false) : null;
        var clone = await ForecastRepoCheckout.CloneAsync(remote, settings.ForecastRepoRef, token, context.Services.Git, context.Time, cancellationToken)
            .ConfigureAwait(false);
        context.Log.WriteLine($"builder: cloned {remote} at {settings.ForecastRepoRef ?? "its default branch"}: commit {clone.Commit}");
        return (clone.Root, new ForecastRepoSource(remote.ToString(), settings.ForecastRepoRef, clone.Commit), clone);
    }

    /// <summary>The GitHub token from Secret Manager: refusals and a missing secret are bad input, the rest transient.</summary>
    private static async Task<string> ReadTokenAsync(StageContext context, string secret, CancellationToken cancellationToken)
    {
        if (!SecretVersionName.TryParse(secret, context.Settings.GoogleCloudProject, out var name, out var reason))
            throw StageException.BadInput($"GITHUB_PAT_SECRET: {reason}");
        string text;
        try
        {
            text = await context.Services.SecretManager().AccessTextAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
        {
            throw StageException.BadInput($"GITHUB_PAT_SECRET: {e.Message}", e);
        }
        catch (Exception e) when (e is HttpRequestException or TokenResponseException or TimeoutRejectedException)
        {
            throw StageException.Transient($"GITHUB_PAT_SECRET: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw StageException.BadInput($"GITHUB_PAT_SECRET: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // Google.Apis.Auth's answer when there are no Application Default Credentials.
            throw StageException.BadInput($"GITHUB_PAT_SECRET: no Google credentials to read {name} with: {e.Message}", e);
        }

        var token = text.Trim();
        if (token.Length == 0)
            throw StageException.BadInput($"GITHUB_PAT_SECRET: {name} is empty");
        if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw StageException.BadInput($"GITHUB_PAT_SECRET: {name} holds more than a token (spaces or several lines)");
        return token;
    }
}
