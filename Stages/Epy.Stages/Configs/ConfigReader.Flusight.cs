using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>The <c>output.flusight_format</c> section: the FluSight hub submission.</summary>
internal sealed partial class ConfigReader
{
    private const string DefaultHospitalizationTarget = "wk inc flu hosp";

    private FlusightFormatConfig? ReadFlusight(YamlNode node, string field, IReadOnlyList<SurveillanceSourceConfig> surveillance)
    {
        if (Mapping(node, field, ["reference_date", "rate_trends", "rate_trends_source", "hospitalizations", "quantiles", "metrocast"], unsupported: ["prop_ed"]) is not { } map)
            return null;
        if (map.Children.TryGetValue(new YamlScalarNode("hospitalizations"), out var hospitalizations))
            ReadHospitalizations(hospitalizations, Join(field, "hospitalizations"));
        if (Optional(map, "quantiles") is { } quantiles)
        {
            var levels = Numbers(quantiles, Join(field, "quantiles")).Select(l => l.Value).ToList();
            if (!levels.SequenceEqual(Outputs.Quantiles.FluSightLevels))
                NotSupported(quantiles, Join(field, "quantiles"), "the hub file carries FluSight's 23 levels; other levels are not written");
        }
        if (Opt(map, "metrocast", field, Boolean) is { Value: true } metrocast)
            Error(metrocast.Span, Join(field, "metrocast"), $"{NotSupportedYet} (metrocast submissions)");

        var trends = Optional(map, "rate_trends") is { } written ? ReadRateTrends(written, Join(field, "rate_trends")) : null;
        if (Opt(map, "rate_trends_source", field, Text) is { } sourceName)
        {
            if (trends is not null)
                Error(sourceName.Span, Join(field, "rate_trends_source"), "give rate_trends or rate_trends_source, not both");
            else if (Source(sourceName, Join(field, "rate_trends_source"), surveillance) is { } source)
                trends = new RateTrendsConfig(source.DataPath, source.ValueColumn, source.DateColumn, source.LocationColumn, sourceName.Span);
        }
        return new FlusightFormatConfig(Req(map, "reference_date", field, "a date yyyy-MM-dd", Date, default), trends, At(map));
    }

    /// <summary>Only the default target (<c>wk inc flu hosp</c>), always written, is supported.</summary>
    private void ReadHospitalizations(YamlNode node, string field)
    {
        if (IsNull(node))
        {
            NotSupported(node, field, "the hub file always carries wk inc flu hosp; it cannot be switched off");
            return;
        }
        if (Mapping(node, field, ["target"]) is { } map && Opt(map, "target", field, Text) is { } target && target.Value != DefaultHospitalizationTarget)
            Error(target.Span, Join(field, "target"), $"{NotSupportedYet} (target '{target.Value}': the hub file names it '{DefaultHospitalizationTarget}')");
    }

    private RateTrendsConfig? ReadRateTrends(YamlNode node, string field)
    {
        if (Mapping(node, field, ["observed_data_path", "observed_value_column", "observed_date_column", "observed_location_column"]) is not { } map)
            return null;
        const string Column = "a column name of the observed CSV";
        return new RateTrendsConfig(
            Req(map, "observed_data_path", field, "the path of the observed CSV", Text, ""),
            Req(map, "observed_value_column", field, Column, Text, ""),
            Req(map, "observed_date_column", field, Column, Text, ""),
            Req(map, "observed_location_column", field, Column, Text, ""),
            At(map));
    }
}
