// epy-stage builder | runner | output — the stage program (issue 4): see Pipeline/StageProgram.cs.
// epy-stage validate — the builder's checks alone, a JSON report on stdout (Pipeline/BuilderStage.Validate.cs).
using Epy.Contracts.Runs;
using Epy.Stages.Pipeline;

if (args is ["validate"])
    return BuilderStage.RunValidate(Environment.GetEnvironmentVariable, Console.Out, Console.Error);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
// Started by a local orchestrator: stop when it is gone (Pipeline/ParentLifeline.cs), at the latest 10 s after.
ParentLifeline.Watch(Environment.GetEnvironmentVariable, Console.In, () =>
{
    Console.Error.WriteLine("[epy] the orchestrator that started this task is gone: stopping");
    stop.Cancel();
    Thread.Sleep(TimeSpan.FromSeconds(10));
    Environment.Exit(StageExitCodes.Transient);
});
return await StageProgram.RunAsync(args, Environment.GetEnvironmentVariable, Console.Error, TimeProvider.System, stop.Token);
