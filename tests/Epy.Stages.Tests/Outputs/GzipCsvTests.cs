using Epy.Stages.Outputs;

namespace Epy.Stages.Tests.Outputs;

public sealed class GzipCsvTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "epy-gzipcsv-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Write_RoundTripsTheText_WithLineFeedsAndNoBom()
    {
        var path = Path.Combine(_folder, "outputs", "a.csv.gz");
        GzipCsv.Write(path, w => { w.WriteLine("x,y"); w.WriteLine("1,2"); });

        GzipCsv.ReadAllText(path).ShouldBe("x,y\n1,2\n");
        Directory.GetFiles(Path.GetDirectoryName(path)!).ShouldBe([path]);
    }

    [Fact]
    public void Write_WriterThrows_LeavesNoFileAndNoTemporary()
    {
        var path = Path.Combine(_folder, "b.csv.gz");
        Should.Throw<InvalidOperationException>(() => GzipCsv.Write(path, w =>
        {
            w.WriteLine(new string('x', 100_000));
            throw new InvalidOperationException("crash mid-write");
        }));

        File.Exists(path).ShouldBeFalse();
        Directory.GetFiles(_folder).ShouldBeEmpty();
    }

    [Fact]
    public void Write_WriterThrows_KeepsThePreviousFileIntact()
    {
        var path = Path.Combine(_folder, "c.csv.gz");
        GzipCsv.Write(path, w => w.Write("old\n"));

        Should.Throw<InvalidOperationException>(() => GzipCsv.Write(path, w => { w.Write("new"); throw new InvalidOperationException(); }));

        GzipCsv.ReadAllText(path).ShouldBe("old\n");
        Directory.GetFiles(_folder).Length.ShouldBe(1);
    }
}
