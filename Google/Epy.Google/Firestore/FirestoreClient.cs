using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Epy.Google.Auth;
using Polly;

namespace Epy.Google.Firestore;

/// <summary>
/// A small client of Firestore's REST v1 API for one database: batched reads, queries, and read-write
/// transactions (begun explicitly, ended by a commit or a rollback). Reads and whole
/// transactions are retried through <see cref="FirestoreResilience"/>; a single commit never is.
/// </summary>
public sealed partial class FirestoreClient
{
    private static readonly JsonSerializerOptions Json = FirestoreJson.Options;
    private const int RollbackAttempts = 3;

    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly FirestoreOptions _options;
    private readonly TimeProvider _time;
    private readonly string _database;
    private readonly string _endpoint;
    private readonly ResiliencePipeline _reads;
    private readonly ResiliencePipeline _transactions;

    /// <summary>Creates a client of the database <paramref name="options"/> names.</summary>
    public FirestoreClient(HttpClient http, IAccessTokenSource tokens, FirestoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Problems() is { Count: > 0 } problems)
            throw new ArgumentException("Firestore options: " + string.Join("; ", problems), nameof(options));
        _http = http;
        _tokens = tokens;
        _options = options;
        _time = time;
        _database = $"projects/{options.ProjectId}/databases/{options.DatabaseId}";
        _endpoint = $"{options.BaseAddress.AbsoluteUri.TrimEnd('/')}/v1/{_database}/documents";
        var breaker = FirestoreResilience.Breaker(options, time);
        _reads = FirestoreResilience.Reads(options, time, breaker);
        _transactions = FirestoreResilience.Transactions(options, time, breaker);
    }

    /// <summary>How many documents one page of a query that reads everything matching asks for.</summary>
    public int QueryPageSize => _options.QueryPageSize;

    /// <summary>The full name of the document at <paramref name="path"/> (<c>runs/{id}</c>).</summary>
    public string DocumentName(string path) => $"{_database}/documents/{path}";

    /// <summary>Reads documents by full name (retried); a missing one maps to null.</summary>
    public Task<IReadOnlyDictionary<string, FirestoreDocument?>> GetAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        _reads.ExecuteAsync(async ct => await BatchGetAsync(names, null, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <summary>Runs a <c>StructuredQuery</c> against the database's root collections (retried).</summary>
    public Task<IReadOnlyList<FirestoreDocument>> QueryAsync(JsonObject structuredQuery, CancellationToken cancellationToken) =>
        _reads.ExecuteAsync(async ct =>
        {
            var items = await PostAsync<RunQueryItem[]>("runQuery", new RunQueryRequest(structuredQuery), ct).ConfigureAwait(false);
            return (IReadOnlyList<FirestoreDocument>)[.. items.Select(item => item.Document).OfType<FirestoreDocument>()];
        }, cancellationToken).AsTask();

    /// <summary>
    /// Runs <paramref name="body"/> as one read-write transaction: begun before its first read, committed by it,
    /// or rolled back when it returns (or fails) without committing. The whole body runs again when it lost
    /// a race or met an outage, so it must decide only from what it reads.
    /// </summary>
    public async Task<T> RunTransactionAsync<T>(Func<FirestoreTransaction, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        string? aborted = null;
        var mayHaveCommitted = false;
        return await _transactions.ExecuteAsync(async ct =>
        {
            var transaction = new FirestoreTransaction(this, aborted, mayHaveCommitted);
            try
            {
                return await body(transaction, ct).ConfigureAwait(false);
            }
            catch (FirestoreException failure) when (failure.Status == "ABORTED")
            {
                // Named in the next attempt's options, so Firestore lets it keep its place in the queue for the locks.
                aborted = transaction.Id ?? aborted;
                throw;
            }
            catch (Exception failure) when (transaction is { CommitStarted: true, Committed: false } && failure is not FirestoreException { CertainlyNotApplied: true })
            {
                mayHaveCommitted = true;
                throw;
            }
            finally
            {
                // Also after a failed commit: one that never arrived would leave the transaction holding its locks.
                if (transaction.Id is { } id && !transaction.Committed)
                    await RollbackQuietlyAsync(id).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Begins a read-write transaction (retrying <paramref name="retrying"/>) with its own call rather than
    /// with the first read: a transaction holds no locks until it reads, so when this answer is lost the
    /// orphan locks nothing, whereas a lost answer of a read that began one would leave its documents
    /// locked (and every other writer aborted) until Firestore expires it a minute later.
    /// </summary>
    internal async Task<string> BeginTransactionAsync(string? retrying, CancellationToken cancellationToken)
    {
        var begun = await PostAsync<BeginTransactionResponse>("beginTransaction",
            new BeginTransactionRequest(new TransactionOptions(new ReadWriteOptions(retrying))), cancellationToken).ConfigureAwait(false);
        return begun.Transaction is { Length: > 0 } id ? id : throw new FirestoreException("beginTransaction answered no transaction");
    }

    /// <summary>One batchGet, within <paramref name="transaction"/> when given; a missing document maps to null.</summary>
    internal async Task<IReadOnlyDictionary<string, FirestoreDocument?>> BatchGetAsync(
        IReadOnlyList<string> names, string? transaction, CancellationToken cancellationToken)
    {
        var items = await PostAsync<BatchGetItem[]>("batchGet", new BatchGetRequest(names, transaction), cancellationToken).ConfigureAwait(false);
        var documents = new Dictionary<string, FirestoreDocument?>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Found is { } found)
                documents[found.Name] = found;
            else if (item.Missing is { } missing)
                documents[missing] = null;
        }
        foreach (var name in names)
        {
            if (!documents.ContainsKey(name))
                throw new FirestoreException($"batchGet answered nothing about {name}");
        }
        return documents;
    }

    /// <summary>One commit of <paramref name="writes"/>, atomically, in <paramref name="transaction"/> when given.</summary>
    internal Task CommitAsync(IReadOnlyList<FirestoreWrite> writes, string? transaction, CancellationToken cancellationToken) =>
        PostAsync<JsonElement>("commit", new CommitRequest(writes, transaction), cancellationToken);

    /// <summary>
    /// Releases an uncommitted transaction's locks. A rollback refused by overload or lost on the way is sent
    /// again (twice at most, a moment apart): until it arrives, every other writer of the documents the
    /// transaction read waits and is aborted, for the minute Firestore takes to expire it.
    /// </summary>
    private async Task RollbackQuietlyAsync(string transaction)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PostAsync<JsonElement>("rollback", new RollbackRequest(transaction), CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception failure) when (failure is FirestoreException or HttpRequestException or IOException or TimeoutException)
            {
                // Only releases its locks sooner: an abandoned transaction expires on its own.
                if (attempt >= RollbackAttempts || !FirestoreResilience.IsTransient(failure))
                    return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), _time).ConfigureAwait(false);
        }
    }

    private async Task<TResponse> PostAsync<TResponse>(string method, object body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{_endpoint}:{method}"))
            {
                Content = JsonContent.Create(body, body.GetType(), options: Json),
            };
            if (await _tokens.GetAccessTokenAsync(linked.Token).ConfigureAwait(false) is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw await FailureAsync(response, method, linked.Token).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync<TResponse>(Json, linked.Token).ConfigureAwait(false)
                ?? throw new FirestoreException($"{method} answered null");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Firestore {method} did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s");
        }
    }

    private async Task<FirestoreException> FailureAsync(HttpResponseMessage response, string method, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        ErrorDetail? error = null;
        try
        {
            error = JsonSerializer.Deserialize<ErrorBody>(text, Json)?.Error;
        }
        catch (JsonException)
        {
            // A proxy's HTML page, say: the HTTP status is all there is.
        }
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => (TimeSpan?)null,
        };
        var status = error?.Status ?? StatusOf(response.StatusCode);
        var message = error?.Message ?? text[..Math.Min(text.Length, 300)];
        return new FirestoreException(response.StatusCode, status, $"{method}: {message}", retryAfter);
    }

    private static string StatusOf(HttpStatusCode code) => (int)code switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "UNKNOWN",
    };
}
