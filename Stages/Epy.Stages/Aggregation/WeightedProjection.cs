using Epy.Engine.Calibration;

namespace Epy.Stages.Aggregation;

/// <summary>One source's trajectories for one location, with the source's weight.</summary>
/// <param name="Name">The source, for messages (<c>h1-calibration run 20261124-101500-a1b2c3d4</c>).</param>
/// <param name="Projection">Its trajectories.</param>
/// <param name="Weight">Its weight (1 for <c>sum</c>).</param>
public sealed record WeightedProjection(string Name, Projection Projection, double Weight);
