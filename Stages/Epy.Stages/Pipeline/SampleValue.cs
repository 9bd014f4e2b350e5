using Epy.Engine.Sampling;

namespace Epy.Stages.Pipeline;

/// <summary>One sampled value of a sampling task's row.</summary>
/// <param name="Name">The dimension: a parameter, a compartment (initial proportion) or <c>start_date</c> (days after the reference date).</param>
/// <param name="Target">What it sets: <c>parameter</c>, <c>initial_proportion</c> or <c>start_date_offset</c>.</param>
/// <param name="Value">The value.</param>
public sealed record SampleValue(string Name, SampleTarget Target, double Value);
