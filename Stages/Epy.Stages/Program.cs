// epy-stage builder | runner | output — the stage program (issue 4): see Pipeline/StageProgram.cs.
using Epy.Stages.Pipeline;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await StageProgram.RunAsync(args, Environment.GetEnvironmentVariable, Console.Error, TimeProvider.System, stop.Token);
