using System.IO.Compression;
using System.Text;
using Epy.Stages.Configs;
using Epy.Stages.Outputs;
using Epy.Stages.Tests.Outputs;
using Parquet;
using Parquet.Schema;
using Shouldly;
using Xunit;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>Tables in the formats tabular_output_types names, quantile levels as selections lists them, figures in each figure_output_types format.</summary>
public class OutputFilesCompatibilityTests
{
    private const string Csv = "primary_id,seed,population,date,quantile,Hosp_total,note\n0,18446744073709551615,US-MA,2025-01-04,0.5,12.5,\"a,b\"\n1,7,US-NY,2025-01-11,0.25,,\n";

    [Fact]
    public void TableFile_Names_FollowEpymodelingsuite()
    {
        TableFile.Name(TableFile.Stem(OutputFileNames.QuantilesCompartments), TabularOutputType.CsvGz).ShouldBe("quantiles_compartments.csv.gz");
        TableFile.Name(TableFile.Stem(OutputFileNames.QuantilesCompartments), TabularOutputType.Parquet).ShouldBe("quantiles_compartments.parquet");
    }

    [Fact]
    public async Task TableFile_CsvGz_IsTheCsvGzipped()
    {
        var bytes = await TableFile.BytesAsync(Csv, TabularOutputType.CsvGz);
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        (await reader.ReadToEndAsync()).ShouldBe(Csv);
    }

    [Fact]
    public void TableFile_StreamedGzip_HoldsTheSameCsv()
    {
        var bytes = TableFile.GzipCsv(w => w.Write(Csv));
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        reader.ReadToEnd().ShouldBe(TableFile.Csv(w => w.Write(Csv)));
    }

    [Fact]
    public async Task TableFile_Parquet_TypesColumnsFromTheirCells()
    {
        var bytes = await TableFile.BytesAsync(Csv, TabularOutputType.Parquet);
        Encoding.ASCII.GetString(bytes, 0, 4).ShouldBe("PAR1");
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        var fields = reader.Schema.GetDataFields();
        fields.Select(f => f.Name).ShouldBe(["primary_id", "seed", "population", "date", "quantile", "Hosp_total", "note"]);
        // Parquet.Net 6 reads text columns as ReadOnlyMemory<char>.
        fields.Select(f => f.ClrType).ShouldBe([typeof(long), typeof(ulong), typeof(ReadOnlyMemory<char>), typeof(DateTime), typeof(double), typeof(double), typeof(ReadOnlyMemory<char>)]);
        using var group = reader.OpenRowGroupReader(0);
        var values = new double?[2];
        await group.ReadAsync<double>(fields[5], values.AsMemory());
        values.ShouldBe([12.5, null]);
        var notes = new string?[2];
        await group.ReadAsync(fields[6], notes.AsMemory());
        notes[0].ShouldBe("a,b");
    }

    [Fact]
    public void QuantilesWriter_WritesTheSelectedLevelsInWrittenOrder()
    {
        var projection = SyntheticProjection.Build(new DateOnly(2025, 1, 4), 1, 5, (t, w) => t + 1);
        var location = new LocationResult(0, "US-MA", 1, projection);
        using var text = new StringWriter();
        QuantilesWriter.Write(text, [location], SeriesKind.Transitions, SeriesSelection.Of(["Home_sev_to_Hosp_total"]), [0.75, 0.25]);
        var rows = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Length.ShouldBe(3);
        rows[1].Split(',')[4].ShouldBe("0.75");
        rows[2].Split(',')[4].ShouldBe("0.25");
        double.Parse(rows[1].Split(',')[5], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(double.Parse(rows[2].Split(',')[5], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Quantiles_InAnyOrder_EqualThoseInIncreasingOrder()
    {
        double[] sample = [5, 1, 4, 2, 3];
        Quantiles.Of(sample, [0.9, 0.1, 0.5]).ShouldBe([.. new[] { 2, 0, 1 }.Select(i => Quantiles.Of(sample, [0.1, 0.5, 0.9])[i])]);
    }

    [Theory]
    [InlineData(FigureOutputType.Png, "\u0089PNG")]
    [InlineData(FigureOutputType.Pdf, "%PDF")]
    [InlineData(FigureOutputType.Svg, "<?xm")]
    public void Figures_RenderInEachFormat(FigureOutputType type, string magic)
    {
        var projection = SyntheticProjection.Build(new DateOnly(2024, 12, 7), 8, 20, (t, w) => 10 + t + 3 * w);
        var locations = new[] { new LocationResult(0, "US-MA", 1, projection, SyntheticProjection.Calibration()) };
        var panel = new QuantilePanel("US-MA", projection.Weeks, WeeklyIncidence.Of(projection, ["Home_sev_to_Hosp_total"]),
            [(new DateOnly(2024, 11, 30), 9), (new DateOnly(2024, 12, 7), 11)], (new DateOnly(2024, 10, 1), new DateOnly(2024, 12, 28)));
        var quantiles = ReadPlots().Quantiles;
        var figures = new List<Figure?>
        {
            PosteriorGridFigure.Build(locations, 10),
            CategoricalFigure.Build([new HubRow("25", new DateOnly(2025, 1, 4), 0, new DateOnly(2025, 1, 4), HubFormat.RateChangeTarget, HubFormat.Pmf, "stable", 0.6),
                new HubRow("25", new DateOnly(2025, 1, 4), 0, new DateOnly(2025, 1, 4), HubFormat.RateChangeTarget, HubFormat.Pmf, "increase", 0.4)],
                ["decrease", "stable", "increase"], ["C0", "C1", "C2"], [0, 1]),
        };
        figures.AddRange(quantiles.Outputs.Select(variant => (Figure?)QuantileGridFigure.Build([panel], variant, quantiles, new DateOnly(2025, 1, 4))));
        foreach (var figure in figures)
        {
            figure.ShouldNotBeNull();
            var bytes = figure.Render(type, 50);
            Encoding.Latin1.GetString(bytes, 0, 4).ShouldBe(magic);
        }
    }

    [Fact]
    public void QuantileGrid_SideBySide_HasTwoPanelsPerLocation()
    {
        var projection = SyntheticProjection.Build(new DateOnly(2024, 12, 7), 4, 3, (t, w) => t + w);
        var panel = new QuantilePanel("US-MA", projection.Weeks, WeeklyIncidence.Of(projection, ["Home_sev_to_Hosp_total"]), [], null);
        var quantiles = ReadPlots().Quantiles;
        var sideBySide = quantiles.Outputs.Single(o => o.Kind == QuantilePlotKind.SideBySide);
        QuantileGridFigure.Build([panel, panel with { Location = "US-NY" }], sideBySide, quantiles, new DateOnly(2025, 1, 4)).Panels.Count.ShouldBe(4);
        QuantileGridFigure.Stem(QuantilePlotKind.SideBySide).ShouldBe("quantiles_grid_side_by_side");
    }

    [Fact]
    public void Surveillance_PointsKeepTheLatestBeforeTheReferenceAndAllAfter()
    {
        var observed = Enumerable.Range(0, 10).Select(i => (new DateOnly(2024, 11, 2).AddDays(7 * i), (double)i)).ToList();
        var reference = new DateOnly(2024, 12, 14); // observation 6
        QuantileGridFigure.Surveillance(observed, full: false, 2, null, reference, observed[0].Item1).Select(o => o.Value).ShouldBe([5, 6, 7, 8, 9]);
        QuantileGridFigure.Surveillance(observed, full: false, 2, new DateOnly(2024, 12, 28), reference, observed[0].Item1).Select(o => o.Value).ShouldBe([8, 9]);
        QuantileGridFigure.Surveillance(observed, full: false, null, null, reference, observed[3].Item1).Select(o => o.Value).ShouldBe([3, 4, 5, 6, 7, 8, 9]);
        QuantileGridFigure.Surveillance(observed, full: true, null, null, reference, observed[3].Item1).Count.ShouldBe(10);
    }

    [Fact]
    public void PosteriorGrid_BinsAreADensity()
    {
        var bins = PosteriorGridFigure.Bins([0, 1, 1, 2, 3, 4], 4);
        bins.Length.ShouldBe(4);
        bins.Sum(b => b.Density * b.Width).ShouldBe(1, 1e-12);
        bins[^1].Density.ShouldBeGreaterThan(0); // the maximum falls in the last bin
    }

    private static PlotsConfig ReadPlots()
    {
        var result = ConfigLoader.Parse("output:\n  plots:\n    reference_date: 2025-01-04\n", "output.yaml");
        return result.Document!.Output!.Plots!;
    }
}
