using System.CommandLine;
using System.Text.Json;
using Epy.Cli.Configuration;

namespace Epy.Cli;

/// <summary>
/// Runs a command's action with its <see cref="CliContext"/> and turns failures into exit codes and
/// one-line errors with a hint (<see cref="CliContext.Fail"/>, the only place errors are printed): a
/// <see cref="CliException"/> its own code, configuration 2, an unreachable orchestrator 2, a refusal 1, Ctrl-C 130.
/// </summary>
public static class CliAction
{
    /// <summary>Set to 1, an unexpected error prints its stack trace as the hint.</summary>
    public const string DebugVariable = "EPYCLOUD_DEBUG";

    /// <summary>Sets <paramref name="command"/>'s action; <paramref name="projectDir"/> names the option giving the project folder, if any.</summary>
    public static void Set(Command command, Func<CliContext, ParseResult, CancellationToken, Task<int>> action, Option<string>? projectDir = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = CliContext.From(parse, projectDir is null ? "." : parse.GetValue(projectDir) ?? ".");
            try
            {
                return await action(context, parse, cancellationToken).ConfigureAwait(false);
            }
            catch (CliException failure)
            {
                context.Fail(failure.Message, failure.Hint);
                return failure.ExitCode;
            }
            catch (ConfigurationException bad)
            {
                context.Fail(bad.Message, bad.Hint);
                return ExitCodes.ConfigurationError;
            }
            catch (HttpRequestException unreachable) when (unreachable.StatusCode is null)
            {
                context.Fail($"cannot reach the orchestrator ({unreachable.Message})",
                    "start one with 'epycloud serve --local', or set orchestrator.url ('epycloud config set orchestrator.url URL') or pass --server");
                return ExitCodes.ConfigurationError;
            }
            catch (TaskCanceledException slow) when (!cancellationToken.IsCancellationRequested)
            {
                context.Fail($"the orchestrator did not answer in time ({slow.Message})", "try again; 'epycloud runs list' shows whether a run started");
                return ExitCodes.RunFailed;
            }
            catch (ApiException refused)
            {
                context.Fail(refused.Message, refused.Hint);
                return ExitCodes.RunFailed;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                context.Fail("interrupted");
                return ExitCodes.Interrupted;
            }
            catch (JsonException malformed)
            {
                context.Fail($"an answer could not be read: {malformed.Message}",
                    "is orchestrator.url (or --server) an epycloud orchestrator of this version? 'epycloud config show' says which one is used");
                return ExitCodes.RunFailed;
            }
            catch (Exception unexpected) when (unexpected is not OperationCanceledException)
            {
                // Never a stack trace at a user: one line, and the trace on demand.
                context.Fail($"unexpected error: {unexpected.GetType().Name}: {unexpected.Message}",
                    context.Variables.GetValueOrDefault(DebugVariable) == "1"
                        ? unexpected.ToString()
                        : $"this is a bug in epycloud; run again with {DebugVariable}=1 to see where it happened, and report it");
                return ExitCodes.RunFailed;
            }
        });
    }
}
