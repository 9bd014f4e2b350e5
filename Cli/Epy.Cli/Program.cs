using System.Runtime.InteropServices;
using Epy.Cli;

// Ctrl-C and SIGTERM cancel the command's token and let it end cleanly (a local run cancels its run
// first, a --wait stops following), with no forced exit; a second Ctrl-C ends the process at once.
using var interrupted = new CancellationTokenSource();
void Interrupt(PosixSignalContext signal)
{
    if (interrupted.IsCancellationRequested)
        return;
    signal.Cancel = true;
    interrupted.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
var parse = EpycloudCommand.Build().Parse(args);
if (parse.Errors.Count > 0)
    return UsageErrors.Report(parse, Console.Error);
return await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = null }, interrupted.Token);
