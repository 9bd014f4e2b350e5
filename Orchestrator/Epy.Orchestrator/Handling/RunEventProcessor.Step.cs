using Epy.Orchestrator.Core.Events;

namespace Epy.Orchestrator.Handling;

public sealed partial class RunEventProcessor
{
    /// <summary>One piece of work of <see cref="DrainAsync"/>'s loop.</summary>
    private abstract record Step
    {
        /// <summary>Decide and commit an event; its commands follow.</summary>
        public sealed record Handle(RunEvent Event) : Step;

        /// <summary>Carry out a committed command; its result event follows. <paramref name="Once"/>: without retries (a re-drive; the next pass retries).</summary>
        public sealed record Execute(Core.Commands.RunCommand Command, bool Once = false) : Step;

        /// <summary>Remove a carried-out command from the outbox.</summary>
        public sealed record Complete(Core.Commands.RunCommand Command) : Step;

        /// <summary>An event and everything it led to is done: end its span.</summary>
        public sealed record Close(EventSpan Span) : Step;
    }
}
