using System.Net;

namespace Epy.Testing.Gcs;

/// <summary>What <see cref="FakeGcsServer"/> answers.</summary>
public sealed record FakeReply(HttpStatusCode Status, byte[] Body, string ContentType)
{
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
}
