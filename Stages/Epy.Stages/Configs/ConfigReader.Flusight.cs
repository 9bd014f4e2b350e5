using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>
/// The <c>output.flusight_format</c> section: the FluSight hub submission. <c>hub_config</c>, <c>team_abbr</c>,
/// <c>model_abbr</c> and <c>samples</c> are this program's extensions to epymodelingsuite's keys.
/// </summary>
internal sealed partial class ConfigReader
{
    private const string DefaultHospitalizationTarget = "wk inc flu hosp";

    /// <summary>hubverse's model-metadata-schema.json: <c>team_abbr</c> and <c>model_abbr</c> match this and have at most 16 characters.</summary>
    private const int HubAbbreviationMaxLength = 16;

    private FlusightFormatConfig? ReadFlusight(YamlNode node, string field, IReadOnlyList<SurveillanceSourceConfig> surveillance)
    {
        if (Mapping(node, field, ["reference_date", "rate_trends", "rate_trends_source", "hospitalizations", "quantiles", "metrocast", "hub_config", "team_abbr", "model_abbr", "samples", "prop_ed"]) is not { } map)
            return null;
        // ED visit proportions need epymodelingsuite's prop_ed strategies, which this program does not have: refused where
        // they are asked for, so that a submission never silently lacks a target its config names.
        if (map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: "prop_ed" }) is { } propEd)
            NotSupported(propEd, Join(field, "prop_ed"), "the wk inc flu prop ed visits target; remove prop_ed to submit the hospitalization targets alone");
        if (map.Children.TryGetValue(new YamlScalarNode("hospitalizations"), out var hospitalizations))
            ReadHospitalizations(hospitalizations, Join(field, "hospitalizations"));
        // The levels are the round's (tasks.json): the output stage, which reads the hub config, compares them.
        Located<IReadOnlyList<double>>? levels = null;
        if (Optional(map, "quantiles") is { } quantiles)
        {
            var values = Numbers(quantiles, Join(field, "quantiles"));
            foreach (var bad in values.Where(l => !(l.Value > 0 && l.Value < 1)))
                Error(bad.Span, Join(field, "quantiles"), $"quantile {bad.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range: expected a level in (0, 1)");
            levels = new Located<IReadOnlyList<double>>([.. values.Select(l => l.Value)], At(quantiles));
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
        var referenceDate = Opt(map, "reference_date", field, Date);
        if (Optional(map, "reference_date") is null && Optional(map, "rate_trends") is null && Optional(map, "rate_trends_source") is null)
        {
            Error(map, Join(field, "reference_date"),
                "missing required field 'reference_date': expected a date yyyy-MM-dd (without it the round after the last observation is taken, which needs rate_trends or rate_trends_source)");
        }
        var (team, model) = (Opt(map, "team_abbr", field, HubAbbreviation), Opt(map, "model_abbr", field, HubAbbreviation));
        if ((Optional(map, "team_abbr") is null) != (Optional(map, "model_abbr") is null))
        {
            var (given, missing) = Optional(map, "team_abbr") is null ? ("model_abbr", "team_abbr") : ("team_abbr", "model_abbr");
            Error(Optional(map, given)!, Join(field, given), $"give {missing} too: the hub names a submission {{reference_date}}-{{team_abbr}}-{{model_abbr}}.csv");
        }
        return new FlusightFormatConfig(referenceDate, trends, At(map))
        {
            Quantiles = levels,
            HubConfig = Opt(map, "hub_config", field, RepositoryFolder),
            TeamAbbr = team,
            ModelAbbr = model,
            Samples = Opt(map, "samples", field, Boolean),
        };
    }

    /// <summary>A hubverse team or model abbreviation (model-metadata-schema.json: <c>^[a-zA-Z0-9_+]+$</c>, at most 16 characters).</summary>
    private Located<string>? HubAbbreviation(YamlNode node, string field)
    {
        if (Text(node, field) is not { } text)
            return null;
        if (!HubAbbreviationPattern().IsMatch(text.Value))
            Error(node, field, $"'{text.Value}' is not a hub abbreviation: expected letters, digits, '_' or '+' only (hubverse ^[a-zA-Z0-9_+]+$)");
        else if (text.Value.Length > HubAbbreviationMaxLength)
            Error(node, field, $"'{text.Value}' has {text.Value.Length} characters: a hub abbreviation has at most {HubAbbreviationMaxLength}");
        else
            return text;
        return null;
    }

    /// <summary>A folder of the forecast repository: relative, without <c>..</c> (the builder ships it with the run).</summary>
    private Located<string>? RepositoryFolder(YamlNode node, string field)
    {
        if (Text(node, field) is not { } text)
            return null;
        var path = text.Value.Replace('\\', '/').TrimEnd('/');
        if (Path.IsPathRooted(text.Value) || path.StartsWith('/') || (path.Length > 1 && path[1] == ':'))
            Error(node, field, $"'{text.Value}' is an absolute path: give the folder relative to the forecast repository (e.g. hub-config)");
        else if (path.Length == 0 || path.Split('/').Any(s => s is ".." or "."))
            Error(node, field, $"'{text.Value}' leaves or names the forecast repository itself: give a folder inside it, without '.' or '..' (e.g. hub-config)");
        else
            return new Located<string>(path, text.Span);
        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9_+]+$")]
    private static partial Regex HubAbbreviationPattern();

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
