using Epy.Cli;
using Epy.Testing.Fixtures;

namespace Epy.Cli.Tests;

/// <summary>
/// Tokens stay in secrets.yaml, mode 600: <c>config set</c> tightens a loose file, takes a value from standard
/// input, and <c>config validate</c> finds a token in any other layer, even one that secrets.yaml overrides.
/// </summary>
public sealed class SecretsHandlingTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempFolder _folder = new();

    private string Dir => _folder.Combine("cfg");

    private string Secrets => Path.Combine(Dir, "secrets.yaml");

    public void Dispose() => _folder.Dispose();

    private Task<Epycloud.Result> Run(string[] arguments, string? input = null) =>
        Epycloud.RunAsync([.. arguments, "--config", Dir], input: input);

    [Fact]
    public async Task Set_IntoALooseSecretsFile_MakesIt600_AndSaysSo()
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Secrets, "github: { forecast_repo: x }\n");
        File.SetUnixFileMode(Secrets, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var set = await Run(["config", "set", "github.personal_access_token", "-", "--layer", "secrets"], "ghp_fromstdin_abcdef123456\n");

        set.ExitCode.ShouldBe(ExitCodes.Ok, set.ToString());
        File.GetUnixFileMode(Secrets).ShouldBe(OwnerOnly);
        set.Error.ShouldContain("was open to other users (mode 644); it is now 600");
    }

    [Fact]
    public async Task Set_NewSecretsFile_IsCreated600()
    {
        var set = await Run(["config", "set", "github.personal_access_token", "--stdin", "--layer", "secrets"], "ghp_fromstdin_abcdef123456\n");

        set.ExitCode.ShouldBe(ExitCodes.Ok, set.ToString());
        File.GetUnixFileMode(Secrets).ShouldBe(OwnerOnly);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("--stdin")]
    [InlineData(null)]
    public async Task Set_ValueFromStandardInput_KeepsItOffTheCommandLine(string? how)
    {
        string[] arguments = how is null
            ? ["config", "set", "github.personal_access_token", "--layer", "secrets"]
            : ["config", "set", "github.personal_access_token", how, "--layer", "secrets"];

        var set = await Run(arguments, "ghp_fromstdin_abcdef123456\n");
        var get = await Run(["config", "get", "github.personal_access_token", "--reveal"]);

        set.ExitCode.ShouldBe(ExitCodes.Ok, set.ToString());
        set.Output.ShouldNotContain("fromstdin");
        set.Error.ShouldNotContain("command line");
        get.Output.Trim().ShouldBe("ghp_fromstdin_abcdef123456");
    }

    [Fact]
    public async Task Set_SecretOnTheCommandLine_AdvisesStandardInput()
    {
        var set = await Run(["config", "set", "github.personal_access_token", "ghp_typed_abcdef123456", "--layer", "secrets"]);

        set.ExitCode.ShouldBe(ExitCodes.Ok, set.ToString());
        set.Error.ShouldContain("epycloud config set github.personal_access_token - --layer secrets");
    }

    [Fact]
    public async Task Validate_TokenInConfigYaml_IsAnError_EvenWhenSecretsOverridesIt()
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Path.Combine(Dir, "config.yaml"), "github: { personal_access_token: ghp_leftover_abcdef123456 }\n");
        File.WriteAllText(Secrets, "github: { personal_access_token: ghp_proper_abcdef123456 }\n");
        File.SetUnixFileMode(Secrets, OwnerOnly);

        var validate = await Run(["config", "validate"]);

        validate.ExitCode.ShouldBe(ExitCodes.ConfigurationError, validate.ToString());
        validate.Output.ShouldContain($"error: github.personal_access_token is a secret but is set in base ({Path.Combine(Dir, "config.yaml")})");
    }

    [Fact]
    public async Task Validate_TokenShapedValue_InTheProjectFile_IsAnError_WhateverItsKey()
    {
        var project = _folder.Combine("project");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "epycloud.yaml"), "x_notes: { gh: ghp_leaked_abcdef1234567890 }\n");

        var validate = await Epycloud.RunAsync(["config", "validate", "--config", Dir, "--project-dir", project]);

        validate.ExitCode.ShouldBe(ExitCodes.ConfigurationError, validate.ToString());
        validate.Output.ShouldContain("error: x_notes.gh is a secret but is set in project");
    }
}
