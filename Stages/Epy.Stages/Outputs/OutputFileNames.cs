namespace Epy.Stages.Outputs;

/// <summary>The files Stage C writes under <c>outputs/</c>.</summary>
public static class OutputFileNames
{
    /// <summary>Quantiles of compartment series.</summary>
    public const string QuantilesCompartments = "quantiles_compartments.csv.gz";

    /// <summary>Quantiles of transition series.</summary>
    public const string QuantilesTransitions = "quantiles_transitions.csv.gz";

    /// <summary>Trajectories of compartment series.</summary>
    public const string TrajectoriesCompartments = "trajectories_compartments.csv.gz";

    /// <summary>Trajectories of transition series.</summary>
    public const string TrajectoriesTransitions = "trajectories_transitions.csv.gz";

    /// <summary>Posterior particles.</summary>
    public const string Posteriors = "posteriors.csv.gz";

    /// <summary>Run facts.</summary>
    public const string ModelMetadata = "model_metadata.csv.gz";

    /// <summary>The FluSight hub submission.</summary>
    public const string HubFormatted = "output_hub_formatted.csv.gz";

    /// <summary>The fan chart of one location, named by its ISO code: <c>fan_chart_US-MA.png</c>.</summary>
    public static string FanChart(string location) => $"fan_chart_{location}.png";
}
