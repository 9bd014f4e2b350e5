using Epy.Cli.Configuration;

namespace Epy.Cli.Tests;

/// <summary>The layers of the configuration, in a real temp folder: precedence, variables, substitution, secrets' mode.</summary>
public sealed class ConfigLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ConfigPaths _paths;

    public ConfigLoaderTests()
    {
        _paths = new ConfigPaths(_folder.Combine("config"));
        Write(_paths.BaseFile, """
            orchestrator: { url: https://base.example }
            google_cloud: { project_id: base-project, region: us-central1, bucket_name: base-bucket }
            storage: { dir_prefix: "pipeline/{environment}/{profile}/" }
            defaults: { max_parallelism: 10, task_count_per_node: 1, spot: false }
            """);
        Write(_paths.EnvironmentFile("dev"), "google_cloud: { project_id: dev-project }\ndefaults: { max_parallelism: 20 }\n");
        Write(_paths.EnvironmentFile("prod"), "google_cloud: { project_id: prod-project }\n");
        Write(_paths.ProfileFile("flu"), "defaults: { max_parallelism: 30, task_count_per_node: 2 }\n");
        Write(_folder.Combine("project", "epycloud.yaml"), """
            defaults: { task_count_per_node: 4, spot: true }
            schedules:
              - { name: weekly, cron: "0 6 * * 3", exp_id: flu }
            """);
        ConfigFiles.Write(_paths.SecretsFile, "github: { personal_access_token: ghp_secret_from_file_1234 }\ngoogle_cloud: { bucket_name: secret-bucket }\n", secret: true);
    }

    public void Dispose() => _folder.Dispose();

    private static void Write(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    private ConfigSelection Selection(string? env = null, string? profile = null) =>
        new(_paths.Directory, env, profile, _folder.Combine("project"));

    private static Dictionary<string, string> Vars(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public void Resolve_EachLayerWinsOverTheOneBelow()
    {
        var config = EpycloudConfig.Resolve(Selection(profile: "flu"), Vars(("EPYCLOUD_DEFAULTS__SPOT", "false")));

        config.OrchestratorUrl.ShouldBe(new Uri("https://base.example"));          // base only
        config.ProjectId.ShouldBe("dev-project");                                 // environment over base
        config.Defaults.MaxParallelism.ShouldBe(30);                              // profile over environment
        config.Defaults.TaskCountPerNode.ShouldBe(4);                             // project over profile
        config.Bucket.ShouldBe("secret-bucket");                                  // secrets over base
        config.Defaults.Spot.ShouldBe(false);                                     // variable over project
        config.GithubToken.ShouldBe("ghp_secret_from_file_1234");
        config.Settings.Sources["defaults.task_count_per_node"].ShouldStartWith("project (");
        config.Settings.Values.Keys.ShouldNotContain(k => k.StartsWith("schedules", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_SubstitutesTheEnvironmentAndProfileInUse()
    {
        var config = EpycloudConfig.Resolve(Selection(env: "prod", profile: "flu"), Vars());

        config.DirPrefix.ShouldBe("pipeline/prod/flu/");
        config.ProjectId.ShouldBe("prod-project");
        config.Environment.ShouldBe("prod");
    }

    [Theory]
    [InlineData("EPYCLOUD_GOOGLE_CLOUD__PROJECT_ID", "google_cloud.project_id")]
    [InlineData("EPYCLOUD_DEFAULTS__STAGE_B__MACHINE_TYPE", "defaults.stage_b.machine_type")]
    [InlineData("EPYCLOUD_BILLING_PROJECT", "billing_project")]
    [InlineData("EPYCLOUD_ENV", null)]
    [InlineData("EPYCLOUD_PROFILE", null)]
    [InlineData("EPYCLOUD_CONFIG_DIR", null)]
    [InlineData("EPYCLOUD_A___B", null)]
    [InlineData("OTHER_THING", null)]
    public void EnvironmentVariable_DoubleUnderscoreNests_SingleUnderscoreStaysInTheKey(string variable, string? key)
    {
        EnvironmentOverrides.KeyOf(variable).ShouldBe(key);
        if (key is not null)
            EnvironmentOverrides.VariableOf(key).ShouldBe(variable);
    }

    [Fact]
    public void Resolve_VariablesChooseEnvironmentAndProfile_AndSetKeysWithUnderscores()
    {
        var config = EpycloudConfig.Resolve(Selection(), Vars(
            ("EPYCLOUD_ENV", "prod"), ("EPYCLOUD_PROFILE", "flu"),
            ("EPYCLOUD_GOOGLE_CLOUD__BUCKET_NAME", "var-bucket"), ("EPYCLOUD_DEFAULTS__STAGE_B__MACHINE_TYPE", "c4d-highcpu-8")));

        config.Environment.ShouldBe("prod");
        config.Profile.ShouldBe("flu");
        config.Bucket.ShouldBe("var-bucket");
        config.Defaults.StageBMachineType.ShouldBe("c4d-highcpu-8");
    }

    [Fact]
    public void Resolve_ActiveProfileFile_IsUsedWhenNoneIsChosen()
    {
        File.WriteAllText(_paths.ActiveProfileFile, "flu\n");

        EpycloudConfig.Resolve(Selection(), Vars()).Profile.ShouldBe("flu");
    }

    [Fact]
    public void Resolve_ChosenProfileOrEnvironmentWithoutFile_IsAConfigurationErrorWithAHint()
    {
        var profile = Should.Throw<ConfigurationException>(() => EpycloudConfig.Resolve(Selection(profile: "covid"), Vars()));
        var environment = Should.Throw<ConfigurationException>(() => EpycloudConfig.Resolve(Selection(env: "staging"), Vars()));

        profile.Message.ShouldContain("profile 'covid' does not exist");
        profile.Hint!.ShouldContain("epycloud profile create covid");
        environment.Message.ShouldContain("environment 'staging'");
    }

    [Fact]
    public void Resolve_SecretsReadableByOthers_IsRefused()
    {
        File.SetUnixFileMode(_paths.SecretsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Should.Throw<ConfigurationException>(() => EpycloudConfig.Resolve(Selection(), Vars()));

        error.Message.ShouldContain("mode 644");
        error.Hint.ShouldBe($"run: chmod 600 {_paths.SecretsFile}");
    }

    [Fact]
    public void Resolve_MalformedValue_NamesTheKeyAndItsFile()
    {
        Write(_paths.ProfileFile("bad"), "defaults: { max_parallelism: lots }\n");

        var error = Should.Throw<ConfigurationException>(() => EpycloudConfig.Resolve(Selection(profile: "bad"), Vars()));

        error.Message.ShouldBe($"defaults.max_parallelism: 'lots' is not a whole number from 1 to 5000 (from profile bad ({_paths.ProfileFile("bad")}))");
    }

    [Fact]
    public void Resolve_InvalidYaml_NamesFileAndLine()
    {
        Write(_paths.EnvironmentFile("dev"), "google_cloud:\n  project_id: [unclosed\n");

        var error = Should.Throw<ConfigurationException>(() => EpycloudConfig.Resolve(Selection(), Vars()));

        error.Message.ShouldStartWith($"{_paths.EnvironmentFile("dev")}:");
        error.Message.ShouldContain("not valid YAML");
    }

    [Fact]
    public void Locate_HonoursConfigOption_ThenVariable_ThenXdgConfigHome_ThenHome()
    {
        ConfigPaths.Locate("/x/given", Vars(("XDG_CONFIG_HOME", "/xdg"))).Directory.ShouldBe("/x/given");
        ConfigPaths.Locate(null, Vars(("EPYCLOUD_CONFIG_DIR", "/x/var"), ("XDG_CONFIG_HOME", "/xdg"))).Directory.ShouldBe("/x/var");
        ConfigPaths.Locate(null, Vars(("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u"))).Directory.ShouldBe("/xdg/epymodelingsuite-cloud");
        ConfigPaths.Locate(null, Vars(("HOME", "/home/u"))).Directory.ShouldBe("/home/u/.config/epymodelingsuite-cloud");
    }

    [Fact]
    public void Masked_HidesSecretsByNameAndByLayer()
    {
        var loaded = ConfigLoader.Load(Selection(), Vars());

        var masked = loaded.Masked();

        masked["github.personal_access_token"].ShouldBe("****1234");
        masked["google_cloud.bucket_name"].ShouldBe("****cket", "everything from secrets.yaml is masked (long values keep their last 4 characters)");
        masked["google_cloud.region"].ShouldBe("us-central1");
    }

    [Fact]
    public void ConfigYamlSet_CreatesNestedKeys_AndKeepsTheOthers()
    {
        ConfigYaml.Set(_paths.BaseFile, "defaults.stage_b.machine_type", "n2-highcpu-8");

        var values = ConfigYaml.Load(_paths.BaseFile);

        values["defaults.stage_b.machine_type"].ShouldBe("n2-highcpu-8");
        values["google_cloud.project_id"].ShouldBe("base-project");
        var bytes = File.ReadAllBytes(_paths.BaseFile);
        bytes[0].ShouldNotBe((byte)0xEF, "no byte order mark");
        File.ReadAllText(_paths.BaseFile).ShouldNotContain("...", customMessage: "no YAML document end marker");
    }
}
