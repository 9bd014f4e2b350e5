using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Epy.Engine.Simulation;

/// <summary>
/// Resampling like pandas' <c>resample("W-SAT")</c> (or any <see cref="ResampleFrequency"/>): each
/// week (bin) ends on (and is labelled by) its Saturday and includes it; the first and last weeks may
/// be partial. Compartments take the week's last value, flows the week's sum. The step-to-week map is
/// computed once; aggregating a simulation allocates nothing.
/// </summary>
public sealed class WeeklyAggregator
{
    private readonly int[] _weekOfStep;

    /// <summary>Prepares weeks ending on <paramref name="weekEnd"/> (Saturday by default) for <paramref name="layout"/>.</summary>
    public WeeklyAggregator(OutputLayout layout, DayOfWeek weekEnd = DayOfWeek.Saturday)
        : this(layout, ResampleFrequency.Weekly(weekEnd))
    {
    }

    /// <summary>Prepares the bins of <paramref name="frequency"/> (days, or weeks ending on a given day) for <paramref name="layout"/>.</summary>
    public WeeklyAggregator(OutputLayout layout, ResampleFrequency frequency)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(frequency);
        Frequency = frequency;
        Layout = layout;
        var dates = layout.Dates;
        _weekOfStep = new int[dates.Count];
        var weeks = new List<DateOnly>();
        for (var t = 0; t < dates.Count; t++)
        {
            var label = frequency.Label(dates[t]);
            if (weeks.Count == 0 || weeks[^1] != label)
                weeks.Add(label);
            _weekOfStep[t] = weeks.Count - 1;
        }
        Weeks = weeks;
    }

    /// <summary>How steps are binned.</summary>
    public ResampleFrequency Frequency { get; }

    /// <summary>The layout of the daily outputs this aggregates.</summary>
    public OutputLayout Layout { get; }

    /// <summary>The label (last day) of every week.</summary>
    public IReadOnlyList<DateOnly> Weeks { get; }

    /// <summary>The date that ends the week holding <paramref name="date"/>: itself when it falls on <paramref name="weekEnd"/>.</summary>
    public static DateOnly WeekEnding(DateOnly date, DayOfWeek weekEnd = DayOfWeek.Saturday) =>
        date.AddDays(((int)weekEnd - (int)date.DayOfWeek + 7) % 7);

    /// <summary>A new weekly output sized for these weeks.</summary>
    public WeeklyOutput CreateOutput() => new(Layout, Weeks);

    /// <summary>Aggregates any daily trajectory (stochastic or mean-field) into a new weekly output.</summary>
    public WeeklyOutput Aggregate(Trajectory daily)
    {
        ArgumentNullException.ThrowIfNull(daily);
        var weekly = CreateOutput();
        if (daily is SimulationOutput simulation)
        {
            Aggregate(simulation, weekly);
            return weekly;
        }
        if (daily.Layout != Layout)
            throw new ArgumentException("the trajectory was made for another model", nameof(daily));
        var ages = Layout.AgeGroupCount;
        for (var t = 0; t < _weekOfStep.Length; t++)
        {
            var week = _weekOfStep[t];
            var weekEnds = t + 1 == _weekOfStep.Length || _weekOfStep[t + 1] != week;
            for (var k = 0; k < ages; k++)
            {
                for (var f = 0; f < Layout.Flows.Count; f++)
                    weekly.FlowValues[(week * Layout.Flows.Count + f) * ages + k] += daily.Flow(t, f, k);
                if (!weekEnds)
                    continue;
                for (var c = 0; c < Layout.Compartments.Count; c++)
                    weekly.CompartmentValues[(week * Layout.Compartments.Count + c) * ages + k] = daily.Compartment(t, c, k);
            }
        }
        return weekly;
    }

    /// <summary>target[i] += source[i], eight at a time where AVX-512 converts eight counts in one instruction (exact either way: whole numbers).</summary>
    private static void AddCounts(ReadOnlySpan<int> source, Span<double> target)
    {
        var i = 0;
        if (Avx512F.IsSupported)
        {
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var to = ref MemoryMarshal.GetReference(target);
            for (; i + 8 <= source.Length; i += 8)
                (Vector512.LoadUnsafe(ref to, (nuint)i) + Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref from, (nuint)i))).StoreUnsafe(ref to, (nuint)i);
        }
        for (; i < source.Length; i++)
            target[i] += source[i];
    }

    /// <summary>Aggregates <paramref name="daily"/> into <paramref name="weekly"/>, allocating nothing.</summary>
    public void Aggregate(SimulationOutput daily, WeeklyOutput weekly)
    {
        ArgumentNullException.ThrowIfNull(daily);
        ArgumentNullException.ThrowIfNull(weekly);
        if (daily.Layout != Layout || weekly.Layout != Layout || weekly.Dates.Count != Weeks.Count)
            throw new ArgumentException("the outputs were made for another model or grid");

        var stateSize = Layout.Compartments.Count * Layout.AgeGroupCount;
        var flowSize = Layout.Flows.Count * Layout.AgeGroupCount;
        var flowsOut = weekly.FlowValues.AsSpan();
        flowsOut.Clear();
        var compartmentsIn = daily.CompartmentCounts.AsSpan();
        var flowsIn = daily.FlowCounts.AsSpan();
        var compartmentsOut = weekly.CompartmentValues.AsSpan();
        for (var t = 0; t < _weekOfStep.Length; t++)
        {
            var week = _weekOfStep[t];
            AddCounts(flowsIn.Slice(t * flowSize, flowSize), flowsOut.Slice(week * flowSize, flowSize));
            if (t + 1 == _weekOfStep.Length || _weekOfStep[t + 1] != week)
            {
                var stateSource = compartmentsIn.Slice(t * stateSize, stateSize);
                var stateTarget = compartmentsOut.Slice(week * stateSize, stateSize);
                for (var i = 0; i < stateSize; i++)
                    stateTarget[i] = stateSource[i];
            }
        }
    }
}
