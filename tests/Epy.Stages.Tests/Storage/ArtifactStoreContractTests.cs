using Epy.Stages.Storage;

namespace Epy.Stages.Tests.Storage;

/// <summary>The behaviour every <see cref="IArtifactStore"/> shares; each store runs it through a subclass.</summary>
public abstract class ArtifactStoreContractTests
{
    protected abstract IArtifactStore Store { get; }

    /// <summary>Big enough to need several resumable chunks where a store has them.</summary>
    protected abstract int LargeSize { get; }

    private Task WriteAsync(string path, byte[] bytes, WriteMode mode = WriteMode.Overwrite)
        => Store.WriteAsync(path, new MemoryStream(bytes), mode);

    private async Task<byte[]?> ReadAsync(string path) => await ArtifactBytes.ReadAllAsync(await Store.OpenReadAsync(path));

    private async Task<List<string>> ListAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var name in Store.ListAsync(prefix))
        {
            names.Add(name);
        }

        return names;
    }

    [Fact]
    public async Task Write_ThenOpenRead_ReturnsTheSameBytes()
    {
        var bytes = ArtifactBytes.Make(1000);

        await WriteAsync("pipeline/flu/exp1/20261124-101500-a1b2c3d4/builder-artifacts/manifest.json", bytes);

        (await ReadAsync("pipeline/flu/exp1/20261124-101500-a1b2c3d4/builder-artifacts/manifest.json")).ShouldBe(bytes);
    }

    [Fact]
    public async Task Write_EmptyContent_RoundTrips()
    {
        await WriteAsync("a/empty.txt", []);

        (await ReadAsync("a/empty.txt")).ShouldBe([]);
    }

    [Fact]
    public async Task OpenRead_Missing_ReturnsNull()
    {
        (await Store.OpenReadAsync("no/such/object.json")).ShouldBeNull();
    }

    [Fact]
    public async Task Exists_FollowsWriteAndDelete()
    {
        (await Store.ExistsAsync("a/b.json")).ShouldBeFalse();

        await WriteAsync("a/b.json", [1, 2, 3]);
        (await Store.ExistsAsync("a/b.json")).ShouldBeTrue();
        (await Store.ExistsAsync("a")).ShouldBeFalse();

        await Store.DeleteAsync("a/b.json");
        (await Store.ExistsAsync("a/b.json")).ShouldBeFalse();
        (await Store.OpenReadAsync("a/b.json")).ShouldBeNull();
    }

    [Fact]
    public async Task Delete_Missing_DoesNothing()
    {
        await Store.DeleteAsync("never/written.json");

        (await Store.ExistsAsync("never/written.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task Write_Overwrite_ReplacesTheObject()
    {
        await WriteAsync("a/b.json", [1, 2, 3]);

        await WriteAsync("a/b.json", [4, 5]);

        (await ReadAsync("a/b.json")).ShouldBe([4, 5]);
    }

    [Fact]
    public async Task Write_CreateOnly_WhenAbsent_Writes()
    {
        await WriteAsync("a/once.json", [9], WriteMode.CreateOnly);

        (await ReadAsync("a/once.json")).ShouldBe([9]);
    }

    [Fact]
    public async Task Write_CreateOnly_WhenPresent_ThrowsAndKeepsTheOriginal()
    {
        await WriteAsync("a/once.json", [1], WriteMode.CreateOnly);

        var error = await Should.ThrowAsync<ArtifactExistsException>(() => WriteAsync("a/once.json", [2], WriteMode.CreateOnly));

        error.Path.ShouldBe("a/once.json");
        (await ReadAsync("a/once.json")).ShouldBe([1]);
    }

    [Fact]
    public async Task Write_CreateOnly_ConcurrentWriters_ExactlyOneWins()
    {
        var writers = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await WriteAsync("race/result.json", [(byte)i], WriteMode.CreateOnly);
                return (byte?)i;
            }
            catch (ArtifactExistsException)
            {
                return null;
            }
        });

        var winners = (await Task.WhenAll(writers)).Where(w => w is not null).ToList();

        winners.Count.ShouldBe(1);
        (await ReadAsync("race/result.json")).ShouldBe([winners[0]!.Value]);
    }

    [Fact]
    public async Task List_ReturnsEveryNameUnderThePrefix_AcrossPages_InOrdinalOrder()
    {
        string[] inside = ["run/a/x.json", "run/b", "run/B", "run/a/y/z.csv.gz", "run/c_1", "run/c-2", "run/Z"];
        foreach (var name in inside.Concat(["other/a.json", "ru", "runner/x"]))
        {
            await WriteAsync(name, [1]);
        }

        var listed = await ListAsync("run/");

        listed.ShouldBe(inside.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task List_PrefixIsANamePrefix_NotAFolder()
    {
        await WriteAsync("runs/input_00001.json.gz", [1]);
        await WriteAsync("runs/input_00002.json.gz", [1]);
        await WriteAsync("runs/manifest.json", [1]);

        (await ListAsync("runs/input_")).ShouldBe(["runs/input_00001.json.gz", "runs/input_00002.json.gz"]);
        (await ListAsync("run")).Count.ShouldBe(3);
        (await ListAsync(string.Empty)).Count.ShouldBe(3);
        (await ListAsync("nothing/")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Write_LargeObject_RoundTrips()
    {
        var bytes = ArtifactBytes.Make(LargeSize, seed: 11);

        await WriteAsync("big/result_00000.json.gz", bytes, WriteMode.CreateOnly);

        (await ReadAsync("big/result_00000.json.gz")).ShouldBe(bytes);
    }

    [Fact]
    public async Task Write_LargeObject_CreateOnly_WhenPresent_Throws()
    {
        await WriteAsync("big/once.bin", [1]);

        await Should.ThrowAsync<ArtifactExistsException>(() => WriteAsync("big/once.bin", ArtifactBytes.Make(LargeSize), WriteMode.CreateOnly));

        (await ReadAsync("big/once.bin")).ShouldBe([1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/abs/path.json")]
    [InlineData("a/../b.json")]
    [InlineData("../b.json")]
    [InlineData("a/./b.json")]
    [InlineData("a\\b.json")]
    [InlineData("a//b.json")]
    [InlineData("a/b/")]
    public async Task InvalidPath_IsRejected_NamingThePath(string path)
    {
        (await Should.ThrowAsync<ArgumentException>(() => WriteAsync(path, [1]))).Message.ShouldContain($"'{path}'");
        (await Should.ThrowAsync<ArgumentException>(() => Store.OpenReadAsync(path))).Message.ShouldContain($"'{path}'");
        (await Should.ThrowAsync<ArgumentException>(() => Store.ExistsAsync(path))).Message.ShouldContain($"'{path}'");
        (await Should.ThrowAsync<ArgumentException>(() => Store.DeleteAsync(path))).Message.ShouldContain($"'{path}'");
    }

    [Theory]
    [InlineData("/abs/")]
    [InlineData("../")]
    [InlineData("a\\")]
    public async Task InvalidPrefix_IsRejected(string prefix)
    {
        await Should.ThrowAsync<ArgumentException>(() => ListAsync(prefix));
    }
}
