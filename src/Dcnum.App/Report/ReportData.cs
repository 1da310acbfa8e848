using Dcnum.Read;

namespace Dcnum.Report;

/// <summary>A basin as the page lists it: what it provides and where it was found (null: missing).</summary>
public sealed record BasinRow(string Name, string Type, string Features, string? Mapping, string? Location, IReadOnlyList<string> Paths);

/// <summary>A grey image for the page (already a PNG).</summary>
public sealed record PageImage(byte[] Png, int Height, int Width);

/// <summary>
/// Everything the page shows, read from one .rtdc file through <see cref="RtdcFile"/> (which follows
/// basins: a tap output's images come from its input). <see cref="ReportPage.Build"/> turns it into
/// HTML; keeping the reading apart lets the page be built (and tested) for any content, e.g. no events.
/// </summary>
public sealed record ReportData
{
    public required string Path { get; init; }
    public long Events { get; init; }
    public (int Height, int Width)? Roi { get; init; }
    public double PixelSize { get; init; }
    public double? FrameRate { get; init; }
    public string? Identifier { get; init; }
    /// <summary>The root attributes <c>pipeline:dcnum KEY</c> in dcnum's order (generation, data, …, hash, yield, mapping).</summary>
    public IReadOnlyList<(string Key, string Value)> Pipeline { get; init; } = [];
    public RunLogs Run { get; init; } = RunLogs.None;
    public IReadOnlyList<BasinRow> Basins { get; init; } = [];
    /// <summary>Problems the page reports (a missing basin, a feature it cannot plot, …).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    public double[]? Area { get; init; }
    public double[]? Deform { get; init; }
    public double[]? Brightness { get; init; }
    public IReadOnlyList<MontageTile> Tiles { get; init; } = [];
    public PageImage? Background { get; init; }

    private static readonly string[] s_pipelineKeys =
        ["generation", "data", "background", "segmenter", "feature", "gate", "hash", "yield", "mapping"];

    public static ReportData Read(RtdcFile file)
    {
        var notes = new List<string>();
        long events = file.EventCount;
        var pipeline = new List<(string, string)>();
        foreach (string key in s_pipelineKeys)
        {
            if (file.Attributes.TryGetValue($"pipeline:dcnum {key}", out AttributeValue v))
                pipeline.Add((key, v.ToString()));
        }
        if (pipeline.Count == 0)
            notes.Add("no dcnum pipeline attributes: this file was not made by dcnum");

        var basins = new List<BasinRow>();
        foreach (BasinDefinition b in file.Basins)
        {
            string? location = b.IsInternal ? "this file" : file.LocateBasinFile(b);
            string features = b.Features is null ? "all features of the file" : string.Join(", ", b.Features);
            basins.Add(new BasinRow(b.Name, b.Type, features, b.Mapping, location, b.Paths));
            if (location is null)
                notes.Add($"basin '{b.Name}' not found (tried {string.Join(", ", b.Paths)}): {features} unavailable");
        }

        double[]? Scalar(string name)
        {
            if (events == 0)
                return null;
            if (!file.HasFeature(name))
            {
                notes.Add($"no feature '{name}' in the file or its basins");
                return null;
            }
            double[] values = file.ReadScalar(name);
            if (values.Length != events)
            {
                notes.Add($"feature '{name}' has {values.Length} values for {events} events: not plotted");
                return null;
            }
            return values;
        }

        var tiles = new List<MontageTile>();
        PageImage? background = null;
        if (events > 0)
        {
            if (file.ImageShape is not { } shape || !file.HasFeature("image"))
                notes.Add("no event images (events/image is neither in the file nor in a basin that was found)");
            else
            {
                tiles = EventMontage.Read(file, events, shape.Height, shape.Width);
                if (!file.HasFeature("mask"))
                    notes.Add("no feature 'mask': the event images have no contours");
            }
            if (file.ImageShape is { } s && file.HasFeature("image_bg"))
            {
                var bg = new byte[s.Height * s.Width];
                file.ReadFeatureRows<byte>("image_bg", 0, 1, bg);
                background = new PageImage(PngEncoder.Gray(bg, s.Height, s.Width), s.Height, s.Width);
            }
        }

        return new ReportData
        {
            Path = System.IO.Path.GetFullPath(file.Path),
            Events = events,
            Roi = file.ImageShape,
            PixelSize = file.PixelSize,
            FrameRate = file.AttributeNumber("imaging:frame rate"),
            Identifier = file.MeasurementIdentifier,
            Pipeline = pipeline,
            Run = RunLogs.From(file.Logs),
            Basins = basins,
            Area = Scalar("area_um"),
            Deform = Scalar("deform"),
            Brightness = Scalar("bright_avg"),
            Tiles = tiles,
            Background = background,
            Notes = notes,
        };
    }
}
