namespace Epy.Stages.Configs;

/// <summary>A scipy distribution (<c>type: scipy</c>), used for calibration priors and sampling distributions.</summary>
/// <param name="Type">The distribution family; only <c>scipy</c> is known.</param>
/// <param name="Name">The scipy.stats name (uniform, randint, norm, lognorm, truncnorm).</param>
/// <param name="Args">Positional arguments, in scipy's order.</param>
/// <param name="Kwargs">Keyword arguments: numbers, or text for non-numeric values.</param>
/// <param name="Span">Where the distribution starts.</param>
public sealed record DistributionConfig(
    Located<string> Type,
    Located<string> Name,
    IReadOnlyList<Located<double>> Args,
    IReadOnlyDictionary<string, Located<ConfigScalar>> Kwargs,
    SourceSpan Span);
