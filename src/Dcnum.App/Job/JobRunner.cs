using System.Diagnostics;
using System.Globalization;
using Dcnum.Background;
using Dcnum.Common;
using Dcnum.Features;
using Dcnum.Features.Gating;
using Dcnum.Features.Texture;
using Dcnum.Labels;
using Dcnum.Logic;
using Dcnum.Read;
using Dcnum.Segmentation;
using Dcnum.Write;

namespace Dcnum.Job;

/// <summary>Where a run is: dcnum's state, overall progress 0…1 (dcnum's stage weights), and the frame rate.</summary>
public readonly record struct JobProgress(string State, double Progress, double FramesPerSecond, TimeSpan? Remaining);

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
    private readonly Action<JobProgress>? _progress;
    private double _weightDone;
    // dcnum's progress weights: background 4, segmentation and extraction 27, plumbing 15 (drain) or 1 (tap), cleanup 1.
    private double WeightTotal => 4 + 27 + (_job.Drain ? 15 : 1) + 1;
    private readonly List<string> _log = [];
    private readonly Stopwatch _watch = new();
    private readonly CancellationToken _cancel;

    public JobRunner(PipelineJob job, Action<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        _job = job;
        _progress = progress;
        _cancel = cancel;
    }

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
        long frames = _job.Frames.Count;
        if (input.FeatureLength("image") == 0)
            throw DcnumException.ForFile(_job.PathIn, "no frames to process (events/image is empty)");

        using var writer = new RtdcWriter(_job.PathOut, WriterOptions.FromCompression(_job.Compression, _job.Force) with { CompressionThreads = Math.Max(1, _job.NumCpus) });
        // dcnum's "<output>.log" while running: removed on success or interruption, kept after a failure.
        string logPath = _job.PathOut + ".log";
        _logFile = new StreamWriter(logPath, append: false) { AutoFlush = true };
        if (writer.StaleRemoved > 0)
            Log("INFO", $"Removed {writer.StaleRemoved} temporary file(s) of an earlier run that did not finish");
        foreach (string line in _log)
            WriteLogFile(line);
        bool keepLog = true;
        try
        {
            RedoPlan plan = RedoPlan.For(_job, input);
            return plan.Segmentation
                ? RunWith(writer, input, plan, stamp, started, h, w, size, frames)
                : PassThrough(writer, input, plan, stamp, started);
        }
        catch (OperationCanceledException)
        {
            keepLog = false;
            throw;
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException { ParamName: "value" } && ex.Message.Contains("file length", StringComparison.Ordinal))
        {
            throw new DcnumException($"{_job.PathOut}: cannot write (disk full or file size limit: {ex.Message.TrimEnd('.')})", ex);
        }
        catch (IOException ex) when (ex.HResult == 28 || ex.Message.Contains("No space left", StringComparison.Ordinal))
        {
            throw new DcnumException($"{_job.PathOut}: cannot write (disk full: {ex.Message.TrimEnd('.')})", ex);
        }
        catch (Exception ex) when (ex is not DcnumException)
        {
            throw new DcnumException($"{_job.PathIn}: processing failed ({ex.Message.TrimEnd('.')}); see {logPath}", ex);
        }
        catch (DcnumException ex)
        {
            WriteLogFile($"ERROR {ex.Message}");
            throw;
        }
        finally
        {
            try
            {
                _logFile.Dispose();
            }
            catch (Exception ex) when (ex is IOException or ArgumentOutOfRangeException)
            {
            }
            _logFile = null;
            if (!keepLog || _succeeded)
                File.Delete(logPath);
        }
    }

    private StreamWriter? _logFile;

    /// <summary>
    /// Test seam: a deliberately slow writer. It writes nothing until the workers have stalled on
    /// the backlog (or produced every frame), whatever the machine's speed, then sleeps before
    /// writing each run of frames.
    /// </summary>
    internal TimeSpan? WriterDelayForTests { get; init; }

    /// <summary>Receives every line of the run log as it is logged (<c>--verbose</c>).</summary>
    public Action<string>? LogLine { get; init; }

    /// <summary>The most bytes of events that waited for the writer during the run.</summary>
    internal long PeakPendingBytes { get; private set; }

    /// <summary>
    /// The .log beside the output is best effort: when the disk is full it cannot be written, and
    /// that must not hide the error being reported (.NET reports EFBIG as ArgumentOutOfRangeException).
    /// </summary>
    private void WriteLogFile(string line)
    {
        try
        {
            _logFile?.WriteLine(line);
        }
        catch (Exception ex) when (ex is IOException or ArgumentOutOfRangeException)
        {
        }
    }
    private bool _succeeded;

    /// <summary>Nothing to redo: the input's events become the output as they are (see <see cref="InputPassThrough"/>).</summary>
    private JobSummary PassThrough(RtdcWriter writer, RtdcFile input, RedoPlan plan, string stamp, DateTime started)
    {
        Log("INFO", "The input carries this pipeline's results already: no background, no segmentation");
        _weightDone = 4 + 27;
        Report("plumbing", 0);
        InputPassThrough.Write(writer, input, _job.Drain, _job.PathIn, _job.PathOut);
        long events = input.EventCount;
        _weightDone = 4 + 27 + (_job.Drain ? 15 : 1);
        Report("cleanup", 0);
        WriteMetadata(writer, input, events, newRunIdentifier: false);
        return Finish(writer, input, plan, stamp, started, 0, events, 0);
    }

    private JobSummary RunWith(RtdcWriter writer, RtdcFile input, RedoPlan plan, string stamp, DateTime started, int h, int w, int size, long frames)
    {
        FrameBackground background;
        if (plan.Background)
        {
            Log("INFO", "Starting background computation");
            Report("background", 0);
            var bgWatch = Stopwatch.StartNew();
            var backgroundLog = new List<string>();
            background = FrameBackground.Compute(_job, input, Path.GetDirectoryName(_job.PathOut)!, backgroundLog);
            foreach (string line in backgroundLog)
            {
                bool warning = line.StartsWith("WARNING: ", StringComparison.Ordinal);
                Log(warning ? "WARNING" : "INFO", warning ? line["WARNING: ".Length..] : line, "dcnum.Background");
            }
            Log("INFO", $"Background computation time: {bgWatch.Elapsed.TotalSeconds:0.00}s");
            Log("INFO", "Finished background computation");
        }
        else
        {
            // dcnum's redo logic: the input's image_bg and bg_off come from this very background pipeline.
            background = FrameBackground.FromInput(input, Path.GetDirectoryName(_job.PathOut)!, Path.GetFileNameWithoutExtension(_job.PathOut));
        }
        using FrameBackground disposeBackground = background;
        _cancel.ThrowIfCancellationRequested();

        // Read before the workers start: the loader is the only one to touch the input file afterwards.
        var frameScalars = FrameScalars.Where(f => f != "bg_off" && input.HasFeature(f))
            .Select(f => new FrameScalar(f, input.Features.First(x => x.Name == f).DType, input.ReadScalar(f))).ToArray();
        int workers = Math.Max(1, _job.NumCpus);
        SlotRegister? registerRef = null;
        var collector = new EventCollector(backlog => registerRef?.SetWriteQueueSize(backlog));
        var kernels = new PipelineKernels(_job, input, background, workers, h, w, collector.Add);
        var register = new SlotRegister(frames, SlotChunkFrames(input, size), h, w, kernels, kernels, numSlots: workers + 1);
        registerRef = register;
        kernels.ChunkSize = register.ChunkSize;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var pool = Enumerable.Range(0, workers).Select(i => new Worker(register, i, errors.Enqueue)).ToList();

        Log("INFO", "Starting segmentation and feature extraction");
        if (_job.Model is { } model)
        {
            Log("INFO", $"Segmenter {_job.Segmenter.Code}: model {model.File.Path} (md5 {model.File.Md5Hex}, {model.Meta.Identifier}, image shape {model.Meta.ImageShape.Height}x{model.Meta.ImageShape.Width}), computed on the CPU");
            if (_job.Segmenter.Code == "torchsto")
                Log("INFO", "torchsto runs on the CPU here (no GPU path): the masks are torchmpo's, which dcnum's GPU segmenter is tested to equal");
            if (_job.SkipValidation)
                Log("WARNING", "Model validation skipped (--skip-validation): the model's validation rules were not checked against this dataset");
        }
        Log("INFO", $"{workers} worker thread(s), {register.Count} chunk slots of {register.ChunkSize} frames");
        _weightDone = 4;
        Report("segmentation", 0);
        long events = 0;
        long written = 0;
        var flushWatch = new Stopwatch();
        var segmentationWatch = Stopwatch.StartNew();
        bool writerReleased = false;
        pool.ForEach(t => t.Start());
        try
        {
            while (written < frames)
            {
                if (errors.TryPeek(out Exception? error))
                    throw error is DcnumException ? error : new DcnumException($"{_job.PathIn}: processing failed ({error.Message.TrimEnd('.')})", error);
                if (_cancel.IsCancellationRequested)
                    throw new OperationCanceledException("interrupted");
                // Back-pressure in bytes: the collector reports its backlog to the register; workers
                // stall above Worker.StallAbove until it drops below Worker.ResumeBelow.
                if (WriterDelayForTests is not null && !writerReleased)
                {
                    writerReleased = collector.PendingBytes > Worker.StallAbove || collector.FramesAdded == frames;
                    Thread.Sleep(5);
                    continue;
                }
                FrameEvents? next = collector.TakeNext(written, TimeSpan.FromMilliseconds(20));
                if (next is null)
                    continue;
                if (WriterDelayForTests is { } delay)
                    Thread.Sleep(delay);
                flushWatch.Start();
                events += Flush(writer, next, frameScalars, _job.Frames, h, w);
                kernels.Return(next);
                flushWatch.Stop();
                written += next.FrameCount;
                Report("segmentation", (double)written / frames, written / Math.Max(segmentationWatch.Elapsed.TotalSeconds, 1e-9),
                    TimeSpan.FromSeconds(segmentationWatch.Elapsed.TotalSeconds * (frames - written) / Math.Max(written, 1)));
            }
        }
        finally
        {
            register.Close();
            pool.ForEach(t => t.Join());
        }
        PeakPendingBytes = collector.PeakPendingBytes;
        long masksDropped = kernels.MasksDropped;
        register.AddMasksDropped(masksDropped);
        Log("INFO", $"Data load time: {register.GetTime(SlotStateMachine.LoadAll.Index).TotalSeconds:0.00}s");
        Log("INFO", $"Segmentation time: {register.GetTime(SlotStateMachine.SegmentImages.Index).TotalSeconds:0.00}s");
        Log("INFO", $"Labeling time: {register.GetTime(SlotStateMachine.LabelMasks.Index).TotalSeconds:0.00}s");
        Log("INFO", $"Label processing time: {register.GetTime(SlotStateMachine.ProcessLabels.Index).TotalSeconds:0.00}s");
        Log("INFO", $"Feature extraction time: {register.GetTime(SlotStateMachine.ExtractFeatures.Index).TotalSeconds:0.00}s");
        Log("INFO", $"Event spooling time: {flushWatch.Elapsed.TotalSeconds:0.00}s");
        Log("INFO", $"Counted {events} events");
        if (masksDropped > 0)
            Log("INFO", $"Encountered {masksDropped} invalid masks");
        if (events == 0)
            throw DcnumException.ForFile(_job.PathIn, "no events found (nothing to write)");
        Log("INFO", "Finished segmentation and feature extraction");

        _weightDone = 4 + 27;
        Report("plumbing", 0);
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
            if (frameScalars.Length > 0)
                writer.StoreFileBasin("dcnum basin", paths, [.. frameScalars.Select(f => f.Name).Order(StringComparer.Ordinal)], identifier, description, "basinmap0");
        }

        _weightDone = 4 + 27 + (_job.Drain ? 15 : 1);
        Report("cleanup", 0);
        WriteMetadata(writer, input, events, newRunIdentifier: true);
        return Finish(writer, input, plan, stamp, started, frames, events, masksDropped);
    }

    private JobSummary Finish(RtdcWriter writer, RtdcFile input, RedoPlan plan, string stamp, DateTime started, long frames, long events, long masksDropped)
    {
        Log("INFO", $"Run duration: {_watch.Elapsed:h\\:mm\\:ss}");
        Log("INFO", $"Run stop: {DateTime.UtcNow.ToString("yyyy-MM-dd-HH.mm.ss", CultureInfo.InvariantCulture)}");
        writer.SetLog($"dcnum-job-{stamp}", JobLog.Lines(_job, started, plan), compress: false);
        foreach (var (name, lines) in input.Logs)
            writer.SetLog(name, lines, stringLength: input.LogStringLength(name));
        // dcnum's copy_metadata copies tables/ too.
        foreach (string table in input.GroupMembers("tables"))
        {
            if (input.ReadRawTable(table) is { } raw)
                writer.SetTable(raw);
            else
                Log("WARNING", $"Table '{table}' not copied: only compound tables of numbers are supported");
        }
        // The log is stored with the file, so the time of writing the file itself goes to the .log beside it only.
        writer.SetLog($"dcnum-log-{stamp}", _log);
        writer.Commit(_cancel);
        _succeeded = true;
        _weightDone = WeightTotal;
        Report("done", 0, frames / Math.Max(_watch.Elapsed.TotalSeconds, 1e-9), TimeSpan.Zero);
        return new JobSummary(_job.PathOut, frames, events, masksDropped, _watch.Elapsed);
    }

    /// <summary>Bytes a slot may hold: the run's memory is about (workers + 2) slots plus the writer's chunks.</summary>
    public const long SlotBudgetBytes = 12L << 20;

    /// <summary>
    /// Frames per slot chunk: dcnum's chunk size (1000, aligned to the input's HDF5 chunks), reduced
    /// to fit <see cref="SlotBudgetBytes"/> at 7 bytes per pixel, and kept a multiple or a divisor
    /// of the input's HDF5 chunk rows where possible, so that loads never split a chunk unevenly (a
    /// chunk split between two loads is decompressed once: the reader keeps the last chunks).
    /// Results do not depend on it.
    /// </summary>
    private static int SlotChunkFrames(RtdcFile input, int frameSize)
    {
        int dcnum = input.ImageChunkSize;
        int fit = (int)Math.Max(1, SlotBudgetBytes / (7L * frameSize));
        if (fit >= dcnum)
            return dcnum;
        int hdf5Rows = input.ImageHdf5ChunkRows;
        if (hdf5Rows <= 0)
            return fit;
        if (fit >= hdf5Rows)
            return fit / hdf5Rows * hdf5Rows;
        for (int d = fit; d > 1; d--)
        {
            if (hdf5Rows % d == 0)
                return d >= fit / 2 ? d : fit; // a divisor, unless it would waste half the budget
        }
        return fit;
    }

    private sealed record FrameScalar(string Name, string DType, double[] Values);

    private static long Flush(RtdcWriter writer, FrameEvents chunk, FrameScalar[] frameScalars, FrameSelection selection, int h, int w)
    {
        EventBatch batch = chunk.Events;
        int n = batch.Count;
        if (n == 0)
            return 0;
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
        // basinmap0: each event's frame in the input. dcnum hard-links it to index_unmapped (uint32)
        // without a selection; with one it stores get_mapping_indices(...)[index_unmapped] (int64).
        if (selection.IsAll)
        {
            var frameIndex = new uint[n];
            for (int i = 0; i < n; i++)
                frameIndex[i] = (uint)frames[i];
            writer.AppendScalar<uint>("basinmap0", frameIndex);
        }
        else
        {
            var frameIndex = new long[n];
            for (int i = 0; i < n; i++)
                frameIndex[i] = selection.RawIndex(frames[i]);
            writer.AppendScalar<long>("basinmap0", frameIndex);
        }
        if (chunk.BgOff is not null)
            writer.AppendScalar<double>("bg_off", chunk.BgOff);
        if (chunk.Backgrounds is not null)
            writer.AppendImages("image_bg", chunk.Backgrounds.AsSpan(0, n * h * w), n, h, w); // rollmed, copy: one background per event
        else
            writer.AppendScalar<long>(BackgroundStorage.MappingFeature, chunk.BackgroundIndex!);
        if (chunk.Images is not null)
        {
            writer.AppendImages("image", chunk.Images.AsSpan(0, n * h * w), n, h, w);
            ReadOnlySpan<long> rawFrames = frames;
            if (!selection.IsAll)
            {
                var mapped = new long[n];
                for (int i = 0; i < n; i++)
                    mapped[i] = selection.RawIndex(frames[i]);
                rawFrames = mapped;
            }
            foreach (FrameScalar scalar in frameScalars)
                CopyFrameScalar(writer, scalar, rawFrames);
        }
        return n;
    }

    /// <summary>Copies a frame-level scalar per event, keeping the input's dtype (dcnum copies the dataset).</summary>
    private static void CopyFrameScalar(RtdcWriter writer, FrameScalar scalar, ReadOnlySpan<long> frames)
    {
        double[] all = scalar.Values;
        string feature = scalar.Name;
        switch (scalar.DType)
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

    /// <param name="newRunIdentifier">dcnum appends <c>_dcn-&lt;hash[:7]&gt;</c> only when it segmented.</param>
    private void WriteMetadata(RtdcWriter writer, RtdcFile input, long events, bool newRunIdentifier)
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
        if (newRunIdentifier)
            writer.SetAttribute("experiment:run identifier", inputId.Length > 0 ? $"{inputId}_dcn-{_job.Hash[..7]}" : $"dcn-{_job.Hash[..7]}");
        writer.SetAttribute("pipeline:dcnum generation", Meta.PpidGeneration.Value);
        writer.SetAttribute("pipeline:dcnum data", _job.DataPpid);
        writer.SetAttribute("pipeline:dcnum background", _job.BackgroundPpid);
        writer.SetAttribute("pipeline:dcnum segmenter", _job.SegmenterPpid);
        writer.SetAttribute("pipeline:dcnum feature", _job.FeaturePpid);
        writer.SetAttribute("pipeline:dcnum gate", _job.GatePpid);
        writer.SetAttribute("pipeline:dcnum hash", _job.Hash);
        writer.SetAttribute("pipeline:dcnum yield", events);
        writer.SetAttribute("pipeline:dcnum mapping", _job.Frames.PpidPart);
    }

    private void Report(string state, double stageFraction, double framesPerSecond = 0, TimeSpan? remaining = null)
    {
        if (_progress is null)
            return;
        double stageWeight = state switch { "background" => 4, "segmentation" => 27, _ => 0 };
        _progress(new JobProgress(state, Math.Min(1, (_weightDone + stageWeight * stageFraction) / WeightTotal), framesPerSecond, remaining));
    }

    private void Log(string level, string message, string logger = "dcnum.Runner")
    {
        string line = $"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {level} {logger}: {message}";
        _log.Add(line);
        WriteLogFile(line);
        LogLine?.Invoke(line);
    }
}
