using System.Text.Json;
using System.Text.Json.Nodes;

namespace Epy.Google.Firestore;

// The REST v1 request and response bodies the client uses, as camelCase JSON.
public sealed partial class FirestoreClient
{
    private sealed record BatchGetRequest(IReadOnlyList<string> Documents, string? Transaction);

    private sealed record BeginTransactionRequest(TransactionOptions Options);

    private sealed record BeginTransactionResponse(string? Transaction);

    private sealed record TransactionOptions(ReadWriteOptions ReadWrite);

    private sealed record ReadWriteOptions(string? RetryTransaction);

    private sealed record BatchGetItem(FirestoreDocument? Found, string? Missing);

    private sealed record CommitRequest(IReadOnlyList<FirestoreWrite> Writes, string? Transaction);

    private sealed record RollbackRequest(string Transaction);

    private sealed record RunQueryRequest(JsonObject StructuredQuery);

    private sealed record RunQueryItem(FirestoreDocument? Document);

    private sealed record ErrorBody(ErrorDetail? Error);

    private sealed record ErrorDetail(int Code, string? Message, string? Status, JsonElement? Details);
}
