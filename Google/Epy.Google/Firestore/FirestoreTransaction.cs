namespace Epy.Google.Firestore;

/// <summary>
/// One attempt of a read-write transaction (see <see cref="FirestoreClient.RunTransactionAsync{T}"/>):
/// begun just before its first read, ended by <see cref="CommitAsync"/>.
/// </summary>
public sealed class FirestoreTransaction
{
    private readonly FirestoreClient _client;
    private readonly string? _retrying;

    internal FirestoreTransaction(FirestoreClient client, string? retrying, bool earlierAttemptMayHaveCommitted)
    {
        _client = client;
        _retrying = retrying;
        EarlierAttemptMayHaveCommitted = earlierAttemptMayHaveCommitted;
    }

    /// <summary>The transaction's id, once begun (before its first read).</summary>
    public string? Id { get; private set; }

    /// <summary>
    /// True when an earlier attempt's commit failed in a way that does not tell whether it was applied
    /// (a timeout, a 5xx): what this attempt reads may be that attempt's own writes.
    /// </summary>
    public bool EarlierAttemptMayHaveCommitted { get; }

    internal bool CommitStarted { get; private set; }

    internal bool Committed { get; private set; }

    /// <summary>Reads documents by full name within the transaction (locking them until it ends); a missing one maps to null.</summary>
    public async Task<IReadOnlyDictionary<string, FirestoreDocument?>> GetAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (CommitStarted)
            throw new InvalidOperationException("the transaction is committed");
        Id ??= await _client.BeginTransactionAsync(_retrying, cancellationToken).ConfigureAwait(false);
        return await _client.BatchGetAsync(names, Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies <paramref name="writes"/> atomically and ends the transaction; a failed precondition fails the whole commit.</summary>
    public async Task CommitAsync(IReadOnlyList<FirestoreWrite> writes, CancellationToken cancellationToken)
    {
        if (Id is null)
            throw new InvalidOperationException("a transaction reads before it commits");
        if (CommitStarted)
            throw new InvalidOperationException("the transaction is committed");
        CommitStarted = true;
        await _client.CommitAsync(writes, Id, cancellationToken).ConfigureAwait(false);
        Committed = true;
    }
}
