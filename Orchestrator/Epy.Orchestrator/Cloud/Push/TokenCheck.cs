namespace Epy.Orchestrator.Cloud.Push;

/// <summary>The result of checking a pushed request's token.</summary>
/// <param name="Valid">True when the token is good.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="Email">The caller's service-account email.</param>
public sealed record TokenCheck(bool Valid, string? Reason, string? Email)
{
    /// <summary>A refusal.</summary>
    public static TokenCheck Refuse(string reason) => new(false, reason, null);
}
