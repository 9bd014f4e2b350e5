using BenchmarkDotNet.Running;
using Epy.Bench;

// epy-bench demo | sims [--model flu|sir] [--seconds S] [--replicas N] | profile | calibrate | national | scale | orchestrator | load | bdn [BenchmarkDotNet arguments]
return args.FirstOrDefault() switch
{
    "demo" => Demo.Run(args[1..]),
    "sims" => Throughput.Run(args[1..]),
    "profile" => Profile.Run(args[1..]),
    "calibrate" => CalibrationBench.Run(args[1..]),
    "orchestrator" => await OrchestratorBench.RunAsync(args[1..]),
    "national" => await NationalBench.RunAsync(args[1..]),
    "scale" => await ScaleBench.RunAsync(args[1..]),
    "load" => await Epy.Bench.Load.CloudLoadBench.RunAsync(args[1..]),
    "bdn" => RunBenchmarkDotNet(args[1..]),
    _ => Usage(),
};

static int RunBenchmarkDotNet(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/Epy.Bench -- <command>
          demo [--sims N] [--seed S]        simulate the reference flu model on Massachusetts and print weekly admissions
          sims [--model flu|sir] [--seconds S] [--replicas N]  print simulations per second on one core and allocations per
                                            simulation: one at a time and eight in lockstep (Stage B's n_sims), or N
          profile [--model flu|sir] [--seconds S] [--replicas N]  where a simulation's time goes: rates, binomial draws,
                                            bookkeeping, output, aggregation
          calibrate [--particles N] [--generations G] [--threads T]  ABC-SMC on the reference flu model, timed
          national [--parallelism P] [--epydemix-data DIR]  the flusight-national-2025-26 example (US, 50 states, DC) through the local
                                            orchestrator A -> B -> C: wall time, CPU time and peak memory per stage
          scale [--tasks 5000] [--parallelism P]  a sampling experiment of N tasks (a tiny SIR model) through the local orchestrator
                                            A -> B -> C: per stage wall/CPU/peak memory, the orchestrator's overhead per task, Stage C's wall and peak
          orchestrator [--runs N]           decisions/s of the pure state machine; events/s and p50/p99 event-to-command latency through the SQLite store
          load [--runs N] [--tasks T] [--sequential-runs S]  the cloud-mode service on the Firestore emulator over HTTP: events/s and
                                            push-to-submit latency, N runs in flight, one T-task run failing and resumed: memory, document size, writes
          bdn [BenchmarkDotNet options]     run the BenchmarkDotNet suite (e.g. bdn --filter '*')
        """);
    return 2;
}
