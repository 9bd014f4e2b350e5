namespace Epy.Testing.Batch;

/// <summary>One request the fake received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string.</param>
/// <param name="Authorization">The Authorization header, or empty.</param>
/// <param name="Body">The body text, or empty.</param>
public sealed record FakeBatchRequest(string Method, string PathAndQuery, string Authorization, string Body);
