using System.ComponentModel;
using Epy.Stages.Pipeline;

namespace Epy.Stages.ForecastRepo;

/// <summary>
/// A shallow checkout (depth 1) of the forecast repository at one branch, tag or commit, in a temporary
/// folder deleted on dispose. Failures are <see cref="StageException"/>s: a missing repository or ref and
/// refused access are bad input; the network, a timeout and anything unrecognised are transient.
/// </summary>
public sealed class ForecastRepoCheckout : IDisposable
{
    private ForecastRepoCheckout(string root, GitRemote remote, string? gitRef, string commit)
    {
        Root = root;
        Remote = remote;
        Ref = gitRef;
        Commit = commit;
    }

    /// <summary>The checkout's folder: <c>experiments/</c> and <c>data/</c> live here.</summary>
    public string Root { get; }

    /// <summary>Where it came from.</summary>
    public GitRemote Remote { get; }

    /// <summary>The branch, tag or commit asked for; null for the default branch.</summary>
    public string? Ref { get; }

    /// <summary>The commit checked out (40 hex digits).</summary>
    public string Commit { get; }

    /// <summary>Fetches <paramref name="gitRef"/> (default: the remote's default branch) of <paramref name="remote"/> with depth 1 and checks it out.</summary>
    /// <param name="remote">The repository.</param>
    /// <param name="gitRef">A branch, tag or full commit SHA; null for the default branch.</param>
    /// <param name="token">The token sent to the remote (as basic auth, never on a command line), or null for an anonymous fetch.</param>
    /// <param name="options">The git executable and the time limit.</param>
    /// <param name="time">The clock of the time limit.</param>
    /// <param name="cancellationToken">Cancels the clone.</param>
    /// <exception cref="StageException">The clone failed; the message names the cause and never the token.</exception>
    public static async Task<ForecastRepoCheckout> CloneAsync(
        GitRemote remote, string? gitRef, string? token, GitOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (gitRef is not null && !GitCommands.IsValidRef(gitRef, out var reason))
            throw StageException.BadInput($"FORECAST_REPO_REF: '{gitRef}' {reason}");

        var folder = Directory.CreateTempSubdirectory("epy-forecast-repo-").FullName;
        var clone = new Clone(remote, gitRef, token, options);
        try
        {
            using var deadline = new CancellationTokenSource(options.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var root = Path.Combine(folder, "repo");
            await clone.RunAsync(GitCommands.Init(root), linked.Token, cancellationToken).ConfigureAwait(false);
            await clone.RunAsync(GitCommands.AddRemote(root, remote), linked.Token, cancellationToken).ConfigureAwait(false);
            await clone.RunAsync(GitCommands.Fetch(root, remote, gitRef ?? GitCommands.DefaultRef, token), linked.Token, cancellationToken).ConfigureAwait(false);
            await clone.RunAsync(GitCommands.Checkout(root), linked.Token, cancellationToken).ConfigureAwait(false);
            var head = await clone.RunAsync(GitCommands.RevParseHead(root), linked.Token, cancellationToken).ConfigureAwait(false);
            return new ForecastRepoCheckout(root, remote, gitRef, head.StandardOutput.Trim());
        }
        catch
        {
            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>Deletes the checkout.</summary>
    public void Dispose() => DeleteFolder(Path.GetDirectoryName(Root)!);

    // A temporary folder left behind is not worth failing a build that succeeded.
    private static void DeleteFolder(string folder)
    {
        try
        {
            if (!Directory.Exists(folder))
                return;
            // git writes its objects read-only, which Windows refuses to delete.
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>One clone's git runs, turning their failures into stage failures.</summary>
    private sealed class Clone(GitRemote remote, string? gitRef, string? secret, GitOptions options)
    {
        /// <summary>Runs <paramref name="invocation"/> until <paramref name="cancellationToken"/> (the caller's or the time limit's) fires.</summary>
        public async Task<GitResult> RunAsync(GitInvocation invocation, CancellationToken cancellationToken, CancellationToken callerToken)
        {
            GitResult result;
            try
            {
                result = await GitProcess.RunAsync(options.Executable, invocation, cancellationToken).ConfigureAwait(false);
            }
            catch (Win32Exception e)
            {
                throw StageException.BadInput($"cannot run '{options.Executable}' ({e.Message}): the builder needs git to clone GITHUB_FORECAST_REPO");
            }
            catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
            {
                throw StageException.Transient($"cloning {remote} took longer than {options.Timeout.TotalSeconds:0} s ({invocation.Name} was stopped)");
            }
            if (result.ExitCode == 0)
                return result;

            var detail = Detail(result.StandardError);
            var access = gitRef is null ? "the default branch" : $"'{gitRef}'";
            throw GitFailures.Classify(result.StandardError) switch
            {
                GitFailureKind.RefNotFound => StageException.BadInput(
                    $"FORECAST_REPO_REF: {access} is not a branch, tag or commit of {remote} (a commit needs its full SHA): {detail}"),
                GitFailureKind.RepositoryNotFound => StageException.BadInput(
                    $"GITHUB_FORECAST_REPO: {remote} was not found, or the token cannot read it: {detail}"),
                GitFailureKind.AccessDenied => StageException.BadInput(
                    $"GITHUB_FORECAST_REPO: {remote} refused access ({(secret is null ? "no GITHUB_PAT_SECRET is set" : "check the token GITHUB_PAT_SECRET names")}): {detail}"),
                _ => StageException.Transient($"{invocation.Name} of {remote} failed with exit code {result.ExitCode}: {detail}"),
            };
        }

        /// <summary>git's message on one line, shortened, with the token and its header masked (git should never print them).</summary>
        private string Detail(string stderr)
        {
            var text = string.Join("; ", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (secret is { Length: > 0 })
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal)
                    .Replace(GitCommands.AuthorizationHeader(secret)["Authorization: Basic ".Length..], "***", StringComparison.Ordinal);
            }
            return text.Length > 500 ? text[..500] + "…" : text;
        }
    }
}
