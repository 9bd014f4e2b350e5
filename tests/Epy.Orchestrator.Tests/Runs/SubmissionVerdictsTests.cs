using System.Text;
using Epy.Contracts.Outputs;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;

namespace Epy.Orchestrator.Tests.Runs;

/// <summary>The one reading of <c>outputs/submission_validation.json</c> that the API, the dashboard and the CLI share.</summary>
public sealed class SubmissionVerdictsTests
{
    private static readonly ArtifactPaths Paths = new("pipeline/flu/", ExperimentId.Parse("flu-example"), RunId.Parse("20261124-101500-a1b2c3d4"));

    [Fact]
    public void Parse_ValidVerdict_KeepsTheNamesOfTheSubmission()
    {
        var view = SubmissionVerdicts.Parse("""
            {"valid": true, "problems": [], "hub_config": "/hub/hub-config",
             "submission_file": "2025-12-20-MOBS-GLEAM.csv", "model_id": "MOBS-GLEAM", "reference_date": "2025-12-20"}
            """u8);

        view.Valid.ShouldBe(true);
        view.Problems.ShouldBeEmpty();
        view.SubmissionFile.ShouldBe("2025-12-20-MOBS-GLEAM.csv");
        view.ModelId.ShouldBe("MOBS-GLEAM");
        view.ReferenceDate.ShouldBe("2025-12-20");
        view.HubConfig.ShouldBe("/hub/hub-config");
        view.Unreadable.ShouldBeNull();
    }

    [Fact]
    public void Parse_OlderVerdictWithoutNames_IsReadable_WithNullNames()
    {
        var view = SubmissionVerdicts.Parse("""{"valid": false, "problems": ["row 2: bad", null], "hub_config": null}"""u8);

        view.Valid.ShouldBe(false);
        view.Problems.ShouldBe(["row 2: bad"]);
        view.SubmissionFile.ShouldBeNull();
        view.ModelId.ShouldBeNull();
    }

    [Theory]
    [InlineData("{\"valid\": tru", "is not valid JSON")]
    [InlineData("{\"problems\": []}", "has no verdict")]
    [InlineData("null", "has no verdict")]
    [InlineData("[1, 2]", "is not valid JSON")]
    public void Parse_MalformedVerdict_IsUnreadable_SayingWhy(string content, string why)
    {
        var view = SubmissionVerdicts.Parse(Encoding.UTF8.GetBytes(content));

        view.Valid.ShouldBeNull();
        view.Problems.ShouldBeEmpty();
        view.Unreadable.ShouldNotBeNull().ShouldStartWith($"{SubmissionValidationFile.FileName} {why}");
    }

    [Fact]
    public async Task ReadAsync_UnlistedVerdict_IsNull_WithoutOpeningAnything()
    {
        var artifacts = new ThrowingArtifacts();

        var view = await SubmissionVerdictReader.ReadAsync(artifacts, Paths, [Paths.Outputs + "quantiles.csv"], CancellationToken.None);

        view.ShouldBeNull();
        artifacts.Opened.ShouldBe(0);
    }

    [Fact]
    public async Task ReadAsync_StorageFailure_IsUnreadable_NotAnException()
    {
        var artifacts = new ThrowingArtifacts();

        var view = await SubmissionVerdictReader.ReadAsync(artifacts, Paths, [Paths.Outputs + SubmissionValidationFile.FileName], CancellationToken.None);

        view.ShouldNotBeNull().Valid.ShouldBeNull();
        view.Unreadable.ShouldBe($"{SubmissionValidationFile.FileName} could not be read: 503 from the bucket");
        artifacts.Opened.ShouldBe(1);
    }

    [Fact]
    public async Task ReadAsync_UnseekableStreamPastTheLimit_StopsReading_AndSaysItIsTooLarge()
    {
        await using var stream = new EndlessStream();

        var view = await SubmissionVerdictReader.ReadAsync(stream, CancellationToken.None);

        view.Valid.ShouldBeNull();
        view.Unreadable.ShouldNotBeNull().ShouldContain("is over 8 MiB");
        stream.Served.ShouldBeLessThanOrEqualTo(SubmissionVerdicts.MaxBytes + 64 * 1024);
    }

    private sealed class ThrowingArtifacts : IRunArtifacts
    {
        public int Opened { get; private set; }

        public Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<int>?> ListTaskResultsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<int>?>(null);

        public Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken)
        {
            Opened++;
            throw new CommandFailedException("503 from the bucket");
        }
    }

    // A response body that never ends and cannot seek, as a network stream.
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            Served += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
