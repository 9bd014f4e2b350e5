using Epy.Stages.Storage;

namespace Epy.Stages.Tests.Storage;

public sealed class LocalArtifactStoreTests : ArtifactStoreContractTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "epy-store-" + Guid.NewGuid().ToString("N"));
    private readonly LocalArtifactStore _store;

    public LocalArtifactStoreTests() => _store = new LocalArtifactStore(_root);

    protected override IArtifactStore Store => _store;

    protected override int LargeSize => 3 * 1024 * 1024 + 17;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Write_LaysFilesOutLikeTheBucket()
    {
        await _store.WriteAsync("pipeline/flu/exp1/run1/outputs/quantiles.csv.gz", new MemoryStream([1, 2]), WriteMode.Overwrite);

        File.ReadAllBytes(Path.Combine(_root, "pipeline", "flu", "exp1", "run1", "outputs", "quantiles.csv.gz")).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task Write_LeavesNoTemporaryFiles()
    {
        await _store.WriteAsync("a/b.json", new MemoryStream([1]), WriteMode.Overwrite);
        await _store.WriteAsync("a/b.json", new MemoryStream([2]), WriteMode.Overwrite);
        await Should.ThrowAsync<ArtifactExistsException>(() => _store.WriteAsync("a/b.json", new MemoryStream([3]), WriteMode.CreateOnly));

        Directory.GetFiles(_root, "*", SearchOption.AllDirectories).ShouldBe([Path.Combine(_root, "a", "b.json")]);
    }

    [Fact]
    public async Task Write_SourceFailsMidway_LeavesNeitherObjectNorTemporaryFile()
    {
        await Should.ThrowAsync<IOException>(() => _store.WriteAsync("a/broken.json", new FailingStream(), WriteMode.Overwrite));

        (await _store.ExistsAsync("a/broken.json")).ShouldBeFalse();
        Directory.GetFiles(_root, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task List_SkipsAWriterInFlight()
    {
        Directory.CreateDirectory(Path.Combine(_root, "a"));
        await File.WriteAllBytesAsync(Path.Combine(_root, "a", ".epy-tmp-0123"), [1]);
        await _store.WriteAsync("a/done.json", new MemoryStream([1]), WriteMode.Overwrite);

        var names = new List<string>();
        await foreach (var name in _store.ListAsync("a/"))
        {
            names.Add(name);
        }

        names.ShouldBe(["a/done.json"]);
    }

    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 0)
            {
                throw new IOException("The source broke.");
            }

            buffer[offset] = 1;
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
