using System.Diagnostics;
using System.Globalization;
using Dcnum.Background;
using Dcnum.Common;
using Dcnum.Features;
using Dcnum.Features.Gating;
using Dcnum.Features.Texture;
using Dcnum.Labels;
using Dcnum.Read;
using Dcnum.Segmentation;
using Dcnum.Write;

namespace Dcnum.Job;

/// <summary>The outcome of a run, for the summary line.</summary>
public sealed record JobSummary(string PathOut, long Frames, long Events, long MasksDropped, TimeSpan Elapsed);

/// <summary>
/// Runs a <see cref="PipelineJob"/>: background, then per frame threshold → labels → mask
/// processing → duplicate-frame rule → feature extraction, events written in frame order with
/// dcnum's layout (drain: image and frame-level features copied; tap: file basins to the input),
/// the pipeline identifiers, the job and run logs, then the atomic rename.
/// dcnum counterpart: <c>logic.ctrl.DCNumJobRunner</c>.
/// </summary>
public sealed class JobRunner
{
    /// <summary>dcnum's PROTECTED_FEATURES: frame-level scalars copied (drain) or linked (tap), never recomputed.</summary>
    public static readonly string[] FrameScalars =
        ["bg_off", "flow_rate", "frame", "g_force", "pressure", "temp", "temp_amb", "time",
         "userdef0", "userdef1", "userdef2", "userdef3", "userdef4", "userdef5", "userdef6", "userdef7", "userdef8", "userdef9"];

    private const int FramesPerFlush = 500; // dcnum's writer collects 500 frames at a time
    private readonly PipelineJob _job;
    private readonly Action<string>? _progress;
    private readonly List<string> _log = [];
    private readonly Stopwatch _watch = new();

    public JobRunner(PipelineJob job, Action<string>? progress = null)
    {
        _job = job;
        _progress = progress;
    }

    /// <summary>How long assembling the output file took (compression and writing), for benchmarks.</summary>
    public TimeSpan LastCommitTime { get; private set; }

    public JobSummary Run()
    {
        _watch.Start();
        DateTime started = DateTime.UtcNow;
        string stamp = started.ToString("yyyy-MM-dd-HH.mm.ss", CultureInfo.InvariantCulture);
        Log("INFO", $"Run start: {stamp}");
        using RtdcFile input = RtdcFile.Open(_job.PathIn);
        input.RequireImages();
        var (h, w) = input.ImageShape!.Value;
        int size = h * w;
        long frames = input.FeatureLength("image");
        if (frames == 0)
            throw DcnumException.ForFile(_job.PathIn, "no frames to process (events/image is empty)");

        using var writer = new RtdcWriter(_job.PathOut, WriterOptions.FromCompression(_job.Compression, _job.Force));
        Log("INFO", "Starting background computation");
        _progress?.Invoke("background");
        var bgWatch = Stopwatch.StartNew();
        var backgroundLog = new List<string>();
        using FrameBackground background = FrameBackground.Compute(_job, input, Path.GetDirectoryName(_job.PathOut)!, backgroundLog);
        foreach (string line in backgroundLog)
        {
            bool warning = line.StartsWith("WARNING: ", StringComparison.Ordinal);
            Log(warning ? "WARNING" : "INFO", warning ? line["WARNING: ".Length..] : line, "dcnum.Background");
        }
        Log("INFO", $"Background computation time: {bgWatch.Elapsed.TotalSeconds:0.0}s");
        Log("INFO", "Finished background computation");

        var extractor = new FeatureExtractor(_job.Features, _job.Gate.EffectiveSizeThreshMask(input.AttributeNumber("online_contour:bin area min")),
            _job.Gate.OnlineGates ? BoxGate.FromFile(input) : BoxGate.None, _job.PixelSize, h, w,
            _job.Features.Haralick ? new HaralickTexture() : null);
        EventBatch batch = extractor.NewBatch();
        var copyScalars = FrameScalars.Where(f => f != "bg_off" && input.HasFeature(f)).ToArray();
        var eventImages = new List<byte[]>();

        Log("INFO", "Starting segmentation and feature extraction");
        _progress?.Invoke("segmentation");
        var image = new byte[size];
        var previous = new byte[size];
        var corr = new short[size];
        var mask = new bool[size];
        var labels = new ushort[size];
        var scratch = new LabelScratch(h, w);
        double thresh = _job.Segmenter.Thresh;
        long events = 0;
        var loadWatch = new Stopwatch();
        var segmentWatch = new Stopwatch();
        var extractWatch = new Stopwatch();
        var flushWatch = new Stopwatch();
        const int readBlock = 100;
        var block = new byte[readBlock * size];
        for (long start = 0; start < frames; start += readBlock)
        {
            int n = (int)Math.Min(readBlock, frames - start);
            loadWatch.Start();
            input.ReadFeatureRows<byte>("image", start, n, block.AsSpan(0, n * size));
            loadWatch.Stop();
            for (int k = 0; k < n; k++)
            {
                long f = start + k;
                segmentWatch.Start();
                block.AsSpan(k * size, size).CopyTo(image);
                ReadOnlySpan<byte> bg = background.Of(f);
                for (int p = 0; p < size; p++)
                    corr[p] = (short)(image[p] - bg[p]);
                double? bgOff = background.BgOffOf(f);
                ThresholdSegmenter.Segment(corr, bgOff ?? 0.0, mask, thresh);
                ConnectedComponents.Label8(mask, labels, h, w, scratch);
                int max = LabelProcessor.Process(labels, h, w, _job.Mask, scratch);
                bool duplicate = DuplicateFrames.IsDuplicate(f, image, previous);
                image.CopyTo(previous, 0);
                segmentWatch.Stop();
                if (duplicate)
                    continue;
                int before = batch.Count;
                extractWatch.Start();
                extractor.ExtractFrame(f, image, bg, corr, bgOff, labels, max, batch);
                extractWatch.Stop();
                if (_job.Drain)
                {
                    for (int e = before; e < batch.Count; e++)
                        eventImages.Add((byte[])image.Clone());
                }
            }
            if (start + n >= frames || (start + n) % FramesPerFlush == 0)
            {
                flushWatch.Start();
                events += Flush(writer, batch, input, background, copyScalars, eventImages, h, w);
                flushWatch.Stop();
                batch.Clear();
                eventImages.Clear();
                _progress?.Invoke($"segmentation {100.0 * (start + n) / frames:0}%");
            }
        }
        Log("INFO", $"Counted {events} events");
        Log("INFO", $"Data load time: {loadWatch.Elapsed.TotalSeconds:0.00}s");
        Log("INFO", $"Segmentation, labeling and label processing time: {segmentWatch.Elapsed.TotalSeconds:0.00}s");
        Log("INFO", $"Feature extraction time: {extractWatch.Elapsed.TotalSeconds:0.00}s");
        Log("INFO", $"Event spooling time: {flushWatch.Elapsed.TotalSeconds:0.00}s");
        if (extractor.MasksDropped > 0)
            Log("INFO", $"Encountered {extractor.MasksDropped} invalid masks");
        if (events == 0)
            throw DcnumException.ForFile(_job.PathIn, "no events found (nothing to write)");
        Log("INFO", "Finished segmentation and feature extraction");

        _progress?.Invoke("plumbing");
        if (background is FrameBackground.SparseMedian sparse)
        {
            Log("INFO", "Copying internal basin background images");
            BackgroundStorage.StoreSparseMedian(writer, sparse.Result);
        }
        if (!_job.Drain)
        {
            string identifier = input.MeasurementIdentifier ?? "";
            string[] paths = [_job.PathIn, Path.GetRelativePath(Path.GetDirectoryName(_job.PathOut)!, _job.PathIn)];
            string description = $"Created with dcnum-native {Cli.CommandLine.Version}";
            writer.StoreFileBasin("dcnum basin", paths, ["image"], identifier, description, "basinmap0");
            if (copyScalars.Length > 0)
                writer.StoreFileBasin("dcnum basin", paths, [.. copyScalars.Order(StringComparer.Ordinal)], identifier, description, "basinmap0");
        }

        _progress?.Invoke("cleanup");
        WriteMetadata(writer, input, events);
        Log("INFO", $"Run duration: {_watch.Elapsed:h\\:mm\\:ss}");
        Log("INFO", $"Run stop: {DateTime.UtcNow.ToString("yyyy-MM-dd-HH.mm.ss", CultureInfo.InvariantCulture)}");
        writer.SetLog($"dcnum-job-{stamp}", JobLog.Lines(_job, started));
        foreach (var (name, lines) in input.Logs)
            writer.SetLog(name, lines);
        // The log is stored with the file, so the time of writing the file itself goes to the .log beside it only.
        writer.SetLog($"dcnum-log-{stamp}", _log);
        var commitWatch = Stopwatch.StartNew();
        writer.Commit();
        LastCommitTime = commitWatch.Elapsed;
        _progress?.Invoke("done");
        return new JobSummary(_job.PathOut, frames, events, extractor.MasksDropped, _watch.Elapsed);
    }

    private long Flush(RtdcWriter writer, EventBatch batch, RtdcFile input, FrameBackground background,
        string[] copyScalars, List<byte[]> eventImages, int h, int w)
    {
        int n = batch.Count;
        var column = new double[n];
        for (int k = 0; k < batch.FeatureNames.Count; k++)
        {
            batch.CopyColumn(k, column);
            writer.AppendScalar<double>(batch.FeatureNames[k], column);
        }
        writer.AppendMasks("mask", batch.Masks, n, h, w);
        ReadOnlySpan<long> frames = batch.Frames;
        var nevents = new long[n];
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && frames[j] == frames[i])
                j++;
            for (int k = i; k < j; k++)
                nevents[k] = j - i;
            i = j;
        }
        writer.AppendScalar<long>("nevents", nevents);
        var frameIndex = new uint[n];
        for (int i = 0; i < n; i++)
            frameIndex[i] = (uint)frames[i];
        writer.AppendScalar<uint>("basinmap0", frameIndex);
        if (background.BgOffOf(0) is not null)
        {
            for (int i = 0; i < n; i++)
                column[i] = background.BgOffOf(frames[i])!.Value;
            writer.AppendScalar<double>("bg_off", column);
        }
        if (background is FrameBackground.SparseMedian sparse)
            BackgroundStorage.AppendEventMapping(writer, sparse.Result, frames);
        else
        {
            // rollmed and copy: one background image per event ("critical" in dcnum)
            var bg = new byte[n * h * w];
            for (int i = 0; i < n; i++)
                background.Of(frames[i]).CopyTo(bg.AsSpan(i * h * w));
            writer.AppendImages("image_bg", bg, n, h, w);
        }
        if (_job.Drain)
        {
            var images = new byte[n * h * w];
            for (int i = 0; i < n; i++)
                eventImages[i].CopyTo(images, i * h * w);
            writer.AppendImages("image", images, n, h, w);
            foreach (string feature in copyScalars)
                CopyFrameScalar(writer, input, feature, frames);
        }
        return n;
    }

    /// <summary>Copies a frame-level scalar per event, keeping the input's dtype (dcnum copies the dataset).</summary>
    private static void CopyFrameScalar(RtdcWriter writer, RtdcFile input, string feature, ReadOnlySpan<long> frames)
    {
        string dtype = input.Features.First(f => f.Name == feature).DType;
        double[] all = input.ReadScalar(feature);
        switch (dtype)
        {
            case "int32":
                writer.AppendScalar<int>(feature, Select(all, frames, v => (int)v));
                break;
            case "uint32":
                writer.AppendScalar<uint>(feature, Select(all, frames, v => (uint)v));
                break;
            case "int64":
                writer.AppendScalar<long>(feature, Select(all, frames, v => (long)v));
                break;
            case "uint64":
                writer.AppendScalar<ulong>(feature, Select(all, frames, v => (ulong)v));
                break;
            case "float32":
                writer.AppendScalar<float>(feature, Select(all, frames, v => (float)v));
                break;
            default:
                writer.AppendScalar<double>(feature, Select(all, frames, v => v));
                break;
        }
    }

    private static T[] Select<T>(double[] all, ReadOnlySpan<long> frames, Func<double, T> cast)
    {
        var values = new T[frames.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = cast(all[frames[i]]);
        return values;
    }

    private void WriteMetadata(RtdcWriter writer, RtdcFile input, long events)
    {
        foreach (var (key, value) in input.Attributes)
        {
            object? v = value.Kind switch
            {
                AttributeKind.String => value.Text,
                AttributeKind.Integer => value.Integer,
                AttributeKind.Float => value.Float,
                AttributeKind.Boolean => value.Integer != 0,
                _ => null,
            };
            if (v is not null)
                writer.SetAttribute(key, v);
        }
        string inputId = input.MeasurementIdentifier ?? "";
        writer.SetAttribute("experiment:event count", events);
        writer.SetAttribute("imaging:pixel size", _job.PixelSize);
        writer.SetAttribute("experiment:run identifier", inputId.Length > 0 ? $"{inputId}_dcn-{_job.Hash[..7]}" : $"dcn-{_job.Hash[..7]}");
        writer.SetAttribute("pipeline:dcnum generation", Meta.PpidGeneration.Value);
        writer.SetAttribute("pipeline:dcnum data", _job.DataPpid);
        writer.SetAttribute("pipeline:dcnum background", _job.BackgroundPpid);
        writer.SetAttribute("pipeline:dcnum segmenter", _job.SegmenterPpid);
        writer.SetAttribute("pipeline:dcnum feature", _job.FeaturePpid);
        writer.SetAttribute("pipeline:dcnum gate", _job.GatePpid);
        writer.SetAttribute("pipeline:dcnum hash", _job.Hash);
        writer.SetAttribute("pipeline:dcnum yield", events);
        writer.SetAttribute("pipeline:dcnum mapping", "0");
    }

    private void Log(string level, string message, string logger = "dcnum.Runner")
        => _log.Add($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {level} {logger}: {message}");
}
