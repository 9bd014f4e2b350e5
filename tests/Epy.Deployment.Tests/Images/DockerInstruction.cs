namespace Epy.Deployment.Tests.Images;

/// <summary>One Dockerfile instruction: its keyword (upper case), its arguments (continuation lines joined) and its stage.</summary>
/// <param name="Keyword">FROM, ARG, COPY, RUN, ...</param>
/// <param name="Arguments">The rest of the instruction, continuation lines joined by spaces.</param>
/// <param name="Stage">The stage's name (<c>AS name</c>), or null before the first FROM.</param>
public sealed record DockerInstruction(string Keyword, string Arguments, string? Stage);
