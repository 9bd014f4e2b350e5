using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Epy.Engine.Simulation;

namespace Epy.Bench;

/// <summary>
/// One simulation plus weekly aggregation of each reference model (reference-model.md), one at a
/// time and eight in lockstep (the mean is per simulation).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class EngineBenchmarks
{
    private Simulator _simulator = null!;
    private WeeklyAggregator _aggregator = null!;
    private SimulationOutput _daily = null!;
    private WeeklyOutput _weekly = null!;
    private Simulator _eight = null!;
    private SimulationOutput[] _eightDaily = null!;
    private ulong _seed;

    [Params("flu", "sir")]
    public string Model { get; set; } = "flu";

    [GlobalSetup]
    public void Setup()
    {
        var model = BenchData.Model(Model);
        _simulator = new Simulator(model);
        _aggregator = new WeeklyAggregator(model.Layout);
        _daily = new SimulationOutput(model.Layout);
        _weekly = _aggregator.CreateOutput();
        _eight = new Simulator(model, Simulator.Lockstep);
        _eightDaily = _eight.CreateOutputs();
    }

    [Benchmark(Description = "simulate + weekly aggregation")]
    public double SimulateWeekly()
    {
        _simulator.Run(_seed++, _daily);
        _aggregator.Aggregate(_daily, _weekly);
        return _weekly.FlowValues[0];
    }

    [Benchmark(Description = "simulate + weekly aggregation, eight in lockstep", OperationsPerInvoke = Simulator.Lockstep)]
    public double SimulateWeeklyInLockstep()
    {
        _eight.Run(_seed++, _eightDaily);
        foreach (var daily in _eightDaily)
            _aggregator.Aggregate(daily, _weekly);
        return _weekly.FlowValues[0];
    }
}
