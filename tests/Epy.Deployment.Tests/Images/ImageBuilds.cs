namespace Epy.Deployment.Tests.Images;

/// <summary>The image publish tests run one after the other: each is a Release build on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class ImageBuilds
{
    /// <summary>The collection's name.</summary>
    public const string Name = "image builds";
}
