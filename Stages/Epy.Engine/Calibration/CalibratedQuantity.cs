using Epy.Engine.Sampling;

namespace Epy.Engine.Calibration;

/// <summary>
/// One quantity that calibration infers: a parameter, the initial proportion of a compartment, or the
/// start-date offset in days from the reference date.
/// </summary>
/// <param name="Name">The parameter or compartment name (for the start date, <c>start_date</c>).</param>
/// <param name="Target">What the value sets.</param>
/// <param name="Prior">Its prior.</param>
public sealed record CalibratedQuantity(string Name, SampleTarget Target, Prior Prior);
