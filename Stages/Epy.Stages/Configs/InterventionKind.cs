namespace Epy.Stages.Configs;

/// <summary>The <c>type</c> of an intervention.</summary>
public enum InterventionKind
{
    /// <summary>Scales school contacts on school holidays.</summary>
    SchoolClosure,

    /// <summary>Scales one contact layer (or all) between two dates.</summary>
    ContactMatrix,

    /// <summary>Scales or overrides one parameter between two dates.</summary>
    Parameter,
}
