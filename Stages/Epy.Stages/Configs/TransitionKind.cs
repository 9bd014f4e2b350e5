namespace Epy.Stages.Configs;

/// <summary>The <c>type</c> of a transition.</summary>
public enum TransitionKind
{
    /// <summary>Moves people at a rate (<c>source → target</c> at <c>rate</c>).</summary>
    Spontaneous,

    /// <summary>Moves people by contact with a <c>mediator</c> compartment.</summary>
    Mediated,

    /// <summary>
    /// Moves people by contact with several compartments, each <c>mediators</c> entry a rate and the
    /// compartments it applies to: the force is the sum over entries and their compartments.
    /// </summary>
    MultiMediated,

    /// <summary>Moves people by the vaccination schedule (see the <c>vaccination</c> section).</summary>
    Vaccination,
}
