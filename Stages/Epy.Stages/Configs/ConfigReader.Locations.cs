using Epy.Stages.ReferenceData;
using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>How data files name locations (<c>observed_location_format</c>).</summary>
internal sealed partial class ConfigReader
{
    /// <summary>The value epymodelingsuite accepts for metrocast locations, which are not supported yet.</summary>
    public const string MetrocastLocationId = "metrocast_location_id";

    /// <summary>epymodelingsuite's names of the location formats (<c>ISO</c>, <c>FIPS</c>, ...).</summary>
    public static readonly IReadOnlyDictionary<string, LocationFormat> LocationFormats = new Dictionary<string, LocationFormat>(StringComparer.Ordinal)
    {
        ["ISO"] = LocationFormat.Iso,
        ["FIPS"] = LocationFormat.Fips,
        ["abbreviation"] = LocationFormat.Abbreviation,
        ["name"] = LocationFormat.Name,
        ["epydemix_population"] = LocationFormat.EpydemixPopulation,
    };

    /// <summary>A location format, written as epymodelingsuite writes it; <c>metrocast_location_id</c> is refused as not supported yet.</summary>
    public Located<LocationFormat>? LocationFormatChoice(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: MetrocastLocationId })
        {
            NotSupported(node, field, "metrocast locations");
            return null;
        }
        return Choice(node, field, LocationFormats);
    }
}
