namespace Epy.Google.Storage;

/// <summary>When an upload may land.</summary>
public enum WriteCondition
{
    /// <summary>Always: an existing object is replaced.</summary>
    None,

    /// <summary>Only when no object has the name (<c>ifGenerationMatch=0</c>): a repeated upload cannot land twice.</summary>
    DoesNotExist,
}
