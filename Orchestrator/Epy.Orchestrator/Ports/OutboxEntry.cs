using Epy.Orchestrator.Core.Commands;

namespace Epy.Orchestrator.Ports;

/// <summary>A command waiting to be carried out.</summary>
/// <param name="Command">The command.</param>
/// <param name="CreatedAt">When it was committed.</param>
/// <param name="Attempts">How many times carrying it out was tried.</param>
public sealed record OutboxEntry(RunCommand Command, DateTimeOffset CreatedAt, int Attempts);
