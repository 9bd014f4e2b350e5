namespace Epy.Stages.Storage;

/// <summary>One page of <c>objects.list</c>.</summary>
/// <param name="Items">The objects on this page; absent when there are none.</param>
/// <param name="NextPageToken">The token for the next page; absent on the last.</param>
internal sealed record GcsObjectPage(IReadOnlyList<GcsObject>? Items, string? NextPageToken);
