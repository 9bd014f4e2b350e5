namespace Epy.Testing.Gcs;

/// <summary>One object version held by <see cref="FakeGcsServer"/>.</summary>
public sealed record StoredObject(byte[] Data, string ContentType, long Generation);
