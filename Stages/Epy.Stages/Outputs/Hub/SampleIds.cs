using System.Globalization;

namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// How sample <c>output_type_id</c>s are spelled: <see cref="Prefix"/> then the sample's number, zero-padded
/// to <see cref="Digits"/> (<c>MA00</c>, <c>MA01</c>, … as epymodelingsuite writes them, prefix the location's
/// abbreviation). The hub's compound task id set (<c>reference_date</c>, <c>location</c>, <c>target</c>)
/// makes a sample one joint trajectory of one location, so each location needs its own prefix.
/// </summary>
/// <param name="Prefix">Text before the number, e.g. the location's abbreviation.</param>
/// <param name="Digits">The number's minimum width (zero-padded).</param>
public sealed record SampleIds(string Prefix, int Digits)
{
    /// <summary>The id of sample <paramref name="index"/> (from 0).</summary>
    public string Id(int index) => Prefix + index.ToString("D" + Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
