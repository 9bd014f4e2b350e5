namespace Epy.Stages.Outputs.Hub;

/// <summary>One location's sample rows for one target.</summary>
/// <param name="Rows">Sample by sample (id order), horizon by horizon; empty when <see cref="Warning"/> says why.</param>
/// <param name="Trajectories">The trajectory each sample is, in id order (sample i is trajectory <c>Trajectories[i]</c>).</param>
/// <param name="Warning">Why fewer samples than asked, or none, were written; null when all were.</param>
public sealed record SampleSet(IReadOnlyList<HubRow> Rows, IReadOnlyList<int> Trajectories, string? Warning);
