using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Epy.Cli.Configuration;
using Epy.Contracts.Api;
using Epy.Orchestrator;

namespace Epy.Cli.Client;

/// <summary>The orchestrator's <c>/v1</c> API as <c>epycloud</c> uses it, with an identity token for Cloud Run.</summary>
public sealed class OrchestratorClient : IRunSource
{
    /// <summary>The local server's URL, used when nothing else is configured.</summary>
    public static readonly Uri LocalServer = new($"http://127.0.0.1:{ServeCommand.DefaultPort}");

    private readonly HttpClient _http;
    private readonly IdentityTokenSource _tokens;
    private bool _authorized;

    /// <summary>A client of the orchestrator at <paramref name="server"/>.</summary>
    /// <param name="server">The orchestrator's URL.</param>
    /// <param name="tokens">Where identity tokens come from.</param>
    /// <param name="handler">The HTTP handler (tests route a made-up host to 127.0.0.1); null for the default.</param>
    public OrchestratorClient(Uri server, IdentityTokenSource tokens, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        _tokens = tokens;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: true);
        _http.BaseAddress = server;
        _http.Timeout = TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.Add("X-Epy-Client", "cli");
    }

    /// <summary>The orchestrator's URL.</summary>
    public Uri Server { get; }

    /// <inheritdoc/>
    public string Where => Server.ToString();

    /// <summary>The client for <paramref name="context"/>: <c>--server</c>, else <c>orchestrator.url</c>, else the local server.</summary>
    public static OrchestratorClient For(CliContext context, string? server)
    {
        ArgumentNullException.ThrowIfNull(context);
        Uri url;
        if (server is { Length: > 0 })
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var given) || given.Scheme is not ("http" or "https"))
                throw new ConfigurationException($"--server '{server}' is not an http(s) URL", "pass the orchestrator's URL, e.g. https://epy-orchestrator-xyz.a.run.app");
            if (!IsSafeTransport(given))
                throw new ConfigurationException($"--server '{server}' must be https: plain http is only for 127.0.0.1, localhost or [::1]", "pass the https URL of the Cloud Run service");
            url = given;
        }
        else
        {
            url = context.Config.OrchestratorUrl ?? LocalServer;
        }
        return new OrchestratorClient(url, new IdentityTokenSource(context.Variables, context.Verbose ? context.Error : null));
    }

    /// <summary><c>POST /v1/runs</c>.</summary>
    public async Task<RunView> StartAsync(StartRunRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/runs") { Content = JsonContent.Create(request, options: OrchestratorJson.Options) };
        if (idempotencyKey is not null)
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        return await SendAsync<RunView>(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /v1/runs/{id}</c>.</summary>
    public Task<RunView> GetAsync(string runId, CancellationToken cancellationToken) =>
        GetAsync<RunView>("/v1/runs/" + Uri.EscapeDataString(runId), cancellationToken);

    /// <summary><c>GET /v1/runs</c>: one page.</summary>
    public Task<RunList> ListAsync(string? expId, string? state, int pageSize, string? pageToken, CancellationToken cancellationToken) =>
        GetAsync<RunList>("/v1/runs?page_size=" + pageSize.ToString(CultureInfo.InvariantCulture)
            + Query("exp_id", expId) + Query("state", state) + Query("page_token", pageToken), cancellationToken);

    /// <summary><c>POST /v1/runs/{id}:cancel</c> or <c>:resume</c>.</summary>
    public async Task<RunView> ActAsync(string runId, string verb, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/v1/runs/{Uri.EscapeDataString(runId)}:{verb}");
        return await SendAsync<RunView>(message, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync<T>(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True for https, or plain http to this machine: the only ways an identity token may travel.</summary>
    public static bool IsSafeTransport(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.Scheme == Uri.UriSchemeHttps || (server.Scheme == Uri.UriSchemeHttp && server.IsLoopback);
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        // Refused before any token is made or request sent: an http URL off this machine would expose both.
        if (!IsSafeTransport(Server))
            throw new ConfigurationException($"refusing to call {Server.ToString().TrimEnd('/')} over plain http: the request would carry your identity token", "use the service's https URL (plain http only for 127.0.0.1, localhost or [::1])");
        if (!_authorized)
        {
            if (await _tokens.GetAsync(Server, cancellationToken).ConfigureAwait(false) is { } token)
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            _authorized = true;
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException unreachable) when (unreachable.StatusCode is null)
        {
            throw new ConfigurationException($"cannot reach the orchestrator at {Server.ToString().TrimEnd('/')} ({unreachable.Message})",
                "start one with 'epycloud serve --local', or set orchestrator.url ('epycloud config set orchestrator.url URL'), or pass --server");
        }
        using (response)
            return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var detail = text;
            try
            {
                using var problem = JsonDocument.Parse(text);
                var root = problem.RootElement;
                detail = root.TryGetProperty("detail", out var d) ? d.GetString() ?? text
                    : root.TryGetProperty("errors", out var errors) ? string.Join("; ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString())))
                    : root.TryGetProperty("title", out var t) ? t.GetString() ?? text : text;
            }
            catch (Exception unreadable) when (unreadable is JsonException or InvalidOperationException)
            {
                // Not a problem document: the text itself, below, on one line.
            }
            detail = OneLine(detail);
            var hint = (int)response.StatusCode switch
            {
                401 or 403 => "the orchestrator refused the identity: check 'gcloud auth list' and the service's run.invoker role",
                404 => "check the run id with 'epycloud runs list'",
                _ => null,
            };
            throw new ApiException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}") { Hint = hint };
        }
        T? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<T>(OrchestratorJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception malformed) when (malformed is JsonException or NotSupportedException)
        {
            throw new ApiException($"the orchestrator's answer is not readable ({typeof(T).Name}): {OneLine(malformed.Message)}") { Hint = WrongServerHint };
        }
        if (answer is null)
            throw new ApiException("the orchestrator answered with an empty body") { Hint = WrongServerHint };
        if (AnswerProblem(answer) is { } missing)
            throw new ApiException($"the orchestrator's answer is not a {typeof(T).Name}: {missing}") { Hint = WrongServerHint };
        return answer;
    }

    private const string WrongServerHint = "is orchestrator.url (or --server) an epycloud orchestrator of this version? 'epycloud config show' says which one is used";

    /// <summary>What a well-formed JSON answer lacks that every caller relies on, or null.</summary>
    private static string? AnswerProblem(object answer) => answer switch
    {
        RunView run => RunProblem(run),
        RunList list => list.Runs is null ? "no runs list" : list.Runs.Select(r => r is null ? "a null run" : RunProblem(r)).FirstOrDefault(p => p is not null),
        _ => null,
    };

    private static string? RunProblem(RunView run) =>
        run.RunId is null ? "no run_id"
        : run.ExpId is null ? "no exp_id"
        : run.State is null ? "no state"
        : run.RequestedBy is null || run.ArtifactRoot is null ? "no requested_by or artifact_root"
        : run.Jobs is null || run.FailedTasks is null || run.History is null || run.Labels is null ? "no jobs, failed_tasks, history or labels"
        : null;

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }

    private static string Query(string name, string? value) => value is null ? "" : $"&{name}={Uri.EscapeDataString(value)}";
}
