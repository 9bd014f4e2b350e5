using Epy.Stages.ReferenceData;
namespace Epy.Stages.Configs;

/// <summary>An experiment's configuration, read from <c>{forecast_repo}/experiments/{exp_id}/config/</c> and validated as a whole.</summary>
/// <param name="ExpId">The experiment id.</param>
/// <param name="ConfigFolder">The folder the files were read from.</param>
/// <param name="Basemodel">The basemodel.</param>
/// <param name="Modelset">The sampling or calibration modelset; null when the experiment has none.</param>
/// <param name="Output">The output config; null when the experiment has none.</param>
/// <param name="Files">The files used (ignored extra outputs left out), in file-name order, with their digests.</param>
/// <param name="Locations">The locations simulated: the modelset's population names with <c>all</c> expanded, or the basemodel's population name; empty when neither names one.</param>
/// <param name="ContactMatrixLocation">The location of <c>population.contact_matrix</c>, whose contact matrices every location uses; null when not written (or not resolved).</param>
public sealed record Experiment(
    string ExpId,
    string ConfigFolder,
    BasemodelConfig Basemodel,
    ModelsetConfig? Modelset,
    OutputConfig? Output,
    IReadOnlyList<ExperimentConfigFile> Files,
    IReadOnlyList<LocationCodebookEntry> Locations,
    LocationCodebookEntry? ContactMatrixLocation = null)
{
    /// <summary>The calibration section, when the modelset calibrates.</summary>
    public CalibrationConfig? Calibration => Modelset?.Calibration;

    /// <summary>The sampling section, when the modelset samples.</summary>
    public SamplingConfig? Sampling => Modelset?.Sampling;
}
