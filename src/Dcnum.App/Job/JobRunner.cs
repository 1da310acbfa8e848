using System.Diagnostics;
using System.Globalization;
using Dcnum.Common;
using Dcnum.Logic;
using Dcnum.Read;
using Dcnum.Write;

namespace Dcnum.Job;

/// <summary>
/// Runs a <see cref="PipelineJob"/>: background, then per frame threshold → labels → mask
/// processing → duplicate-frame rule → feature extraction, events written in frame order with
/// dcnum's layout (drain: image and frame-level features copied; tap: file basins to the input),
/// the pipeline identifiers, the job and run logs, then the atomic rename.
/// dcnum counterpart: <c>logic.ctrl.DCNumJobRunner</c>.
/// </summary>
public sealed class JobRunner
{
    /// <summary>Bytes a slot may hold: the run's memory is about (workers + 2) slots plus the writer's chunks.</summary>
    public const long SlotBudgetBytes = 12L << 20;

    private readonly PipelineJob _job;
    private readonly Action<JobProgress>? _progress;
    private readonly CancellationToken _cancel;
    private readonly Stopwatch _watch = new();
    private RunLog _log = new(null);

    public JobRunner(PipelineJob job, Action<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        _job = job;
        _progress = progress;
        _cancel = cancel;
    }

    /// <summary>Receives every line of the run log as it is logged (<c>--verbose</c>).</summary>
    public Action<string>? LogLine { get; init; }

    /// <summary>
    /// Test seam: called by the writer before it takes the next run of frames (a test holds the
    /// writer back with it to see the workers' back-pressure).
    /// </summary>
    internal Action<EventCollector>? BeforeWriterTakes { get; init; }

    /// <summary>The most bytes of events that waited for the writer during the run.</summary>
    internal long PeakPendingBytes { get; private set; }

    public JobSummary Run()
    {
        _watch.Start();
        _log = new RunLog(LogLine);
        DateTime started = DateTime.UtcNow;
        string stamp = started.ToString("yyyy-MM-dd-HH.mm.ss", CultureInfo.InvariantCulture);
        _log.Add("INFO", $"Run start: {stamp}");
        using RtdcFile input = RtdcFile.Open(_job.PathIn);
        input.RequireImages();
        if (input.FeatureLength("image") == 0)
            throw DcnumException.ForFile(_job.PathIn, "no frames to process (events/image is empty)");

        using var writer = new RtdcWriter(_job.PathOut, WriterOptions.FromCompression(_job.Compression, _job.Force) with { CompressionThreads = Math.Max(1, _job.NumCpus) });
        string logPath = _job.PathOut + ".log";
        _log.OpenFile(logPath);
        if (writer.StaleRemoved > 0)
            _log.Add("INFO", $"Removed {writer.StaleRemoved} temporary file(s) of an earlier run that did not finish");
        bool keepLog = true;
        bool succeeded = false;
        try
        {
            RedoPlan plan = RedoPlan.For(_job, input);
            JobSummary summary = plan.Segmentation
                ? Segment(writer, input, plan, stamp, started)
                : PassThrough(writer, input, plan, stamp, started);
            succeeded = true;
            return summary;
        }
        catch (OperationCanceledException)
        {
            keepLog = false;
            throw;
        }
        catch (Exception ex) when (DiskFull.Reason(ex) is string reason)
        {
            throw new DcnumException($"{_job.PathOut}: cannot write ({reason}: {ex.Message.TrimEnd('.')})", ex);
        }
        catch (Exception ex) when (ex is not DcnumException)
        {
            throw new DcnumException($"{_job.PathIn}: processing failed ({ex.Message.TrimEnd('.')}); see {logPath}", ex);
        }
        catch (DcnumException ex)
        {
            _log.WriteFile($"ERROR {ex.Message}");
            throw;
        }
        finally
        {
            _log.CloseFile();
            if (!keepLog || succeeded)
                File.Delete(logPath);
        }
    }

    /// <summary>Nothing to redo: the input's events become the output as they are (see <see cref="InputPassThrough"/>).</summary>
    private JobSummary PassThrough(RtdcWriter writer, RtdcFile input, RedoPlan plan, string stamp, DateTime started)
    {
        _log.Add("INFO", "The input carries this pipeline's results already: no background, no segmentation");
        Report(ProgressStage.Plumbing);
        InputPassThrough.Write(writer, input, _job.Drain, _job.PathIn, _job.PathOut);
        long events = input.EventCount;
        Report(ProgressStage.Cleanup);
        OutputMetadata.Write(writer, input, _job, events, newRunIdentifier: false, line => _log.Add("WARNING", line));
        return Finish(writer, input, plan, stamp, started, 0, events, 0);
    }

    private JobSummary Segment(RtdcWriter writer, RtdcFile input, RedoPlan plan, string stamp, DateTime started)
    {
        var (h, w) = input.ImageShape!.Value;
        long frames = _job.Frames.Count;
        using FrameBackground background = Background(input, plan);
        _cancel.ThrowIfCancellationRequested();

        // Read before the workers start: the loader is the only one to touch the input file afterwards.
        FrameScalar[] frameScalars = FrameScalar.ReadFrom(input);
        int workers = Math.Max(1, _job.NumCpus);
        SlotRegister? registerRef = null;
        var collector = new EventCollector(backlog => registerRef?.SetWriteQueueSize(backlog));
        var kernels = new PipelineKernels(_job, input, background, workers, h, w, collector.Add);
        var register = new SlotRegister(frames, SlotChunkFrames(input, h * w), h, w, kernels, kernels, numSlots: workers + 1);
        registerRef = register;
        kernels.ChunkSize = register.ChunkSize;
        // dcnum, reusing the input's own per-event image_bg in tap mode, links it through a file basin.
        bool linkBackground = !plan.Background && !_job.Drain && input.HasInnateFeature("image_bg");
        var flush = new EventFlush(writer, frameScalars, _job.Frames, (background as FrameBackground.SparseMedian)?.Result, h, w, linkBackground);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var pool = Enumerable.Range(0, workers).Select(i => new Worker(register, i, errors.Enqueue)).ToList();

        _log.Add("INFO", "Starting segmentation and feature extraction");
        if (_job.Model is { } model)
        {
            _log.Add("INFO", $"Segmenter {_job.Segmenter.Code}: model {model.File.Path} (md5 {model.File.Md5Hex}, {model.Meta.Identifier}, image shape {model.Meta.ImageShape.Height}x{model.Meta.ImageShape.Width}), computed on the CPU");
            if (_job.Segmenter.Code == "torchsto")
                _log.Add("INFO", "torchsto runs on the CPU here (no GPU path): the masks are torchmpo's, which dcnum's GPU segmenter is tested to equal");
            if (_job.SkipValidation)
                _log.Add("WARNING", "Model validation skipped (--skip-validation): the model's validation rules were not checked against this dataset");
        }
        _log.Add("INFO", $"{workers} worker thread(s), {register.Count} chunk slots of {register.ChunkSize} frames");
        Report(ProgressStage.Segmentation);
        long events = 0;
        long written = 0;
        var flushWatch = new Stopwatch();
        var segmentationWatch = Stopwatch.StartNew();
        pool.ForEach(t => t.Start());
        try
        {
            // Back-pressure in bytes: the collector reports its backlog to the register; workers
            // stall above Worker.StallAbove until it drops below Worker.ResumeBelow.
            while (written < frames)
            {
                if (errors.TryPeek(out Exception? error))
                    throw error is DcnumException ? error : new DcnumException($"{_job.PathIn}: processing failed ({error.Message.TrimEnd('.')})", error);
                if (_cancel.IsCancellationRequested)
                    throw new OperationCanceledException("interrupted");
                BeforeWriterTakes?.Invoke(collector);
                FrameEvents? next = collector.TakeNext(written, TimeSpan.FromMilliseconds(20));
                if (next is null)
                    continue;
                flushWatch.Start();
                events += flush.Write(next);
                kernels.Return(next);
                flushWatch.Stop();
                written += next.FrameCount;
                double seconds = segmentationWatch.Elapsed.TotalSeconds;
                Report(ProgressStage.Segmentation, (double)written / frames, written / Math.Max(seconds, 1e-9),
                    TimeSpan.FromSeconds(seconds * (frames - written) / Math.Max(written, 1)));
            }
        }
        finally
        {
            register.Close();
            pool.ForEach(t => t.Join());
        }
        PeakPendingBytes = collector.PeakPendingBytes;
        long masksDropped = kernels.MasksDropped;
        // dcnum's writer logs this line; the report takes the frame count (and the rate) from it.
        _log.Add("INFO", $"Reached dataset end (frame {written} of {frames})");
        _log.Add("INFO", $"Data load time: {register.GetTime(SlotStateMachine.LoadAll.Index).TotalSeconds:0.00}s");
        _log.Add("INFO", $"Segmentation time: {register.GetTime(SlotStateMachine.SegmentImages.Index).TotalSeconds:0.00}s");
        _log.Add("INFO", $"Labeling time: {register.GetTime(SlotStateMachine.LabelMasks.Index).TotalSeconds:0.00}s");
        _log.Add("INFO", $"Label processing time: {register.GetTime(SlotStateMachine.ProcessLabels.Index).TotalSeconds:0.00}s");
        _log.Add("INFO", $"Feature extraction time: {register.GetTime(SlotStateMachine.ExtractFeatures.Index).TotalSeconds:0.00}s");
        _log.Add("INFO", $"Event spooling time: {flushWatch.Elapsed.TotalSeconds:0.00}s");
        _log.Add("INFO", $"Counted {events} events");
        if (masksDropped > 0)
            _log.Add("INFO", $"Encountered {masksDropped} invalid masks");
        if (events == 0)
        {
            // dcnum logs this as an error but writes a valid file with 0 events (see EmptyResult).
            _log.Add("ERROR", $"No events found in {_job.PathIn}! Please check the input file or revise your pipeline");
            EmptyResult.Write(writer, background, _job.Drain, linkBackground, frameScalars.Select(f => (f.Name, f.DType)), h, w);
        }
        else
        {
            _log.Add("INFO", "Finished segmentation and feature extraction");
        }

        Report(ProgressStage.Plumbing);
        if (events > 0 && background is FrameBackground.SparseMedian sparse)
        {
            _log.Add("INFO", "Copying internal basin background images");
            BackgroundStorage.StoreSparseMedian(writer, sparse.Result);
        }
        if (!_job.Drain)
        {
            string identifier = input.MeasurementIdentifier ?? "";
            string[] paths = BasinPaths.ToInput(_job.PathIn, _job.PathOut);
            string description = $"Created with {Meta.SoftwareVersion.Named}";
            writer.StoreFileBasin("dcnum basin", paths, ["image"], identifier, description, "basinmap0");
            if (frameScalars.Length > 0)
                writer.StoreFileBasin("dcnum basin", paths, [.. frameScalars.Select(f => f.Name).Order(StringComparer.Ordinal)], identifier, description, "basinmap0");
            if (linkBackground)
                writer.StoreFileBasin("dcnum basin", paths, ["image_bg"], identifier, description, "basinmap0");
        }

        Report(ProgressStage.Cleanup);
        OutputMetadata.Write(writer, input, _job, events, newRunIdentifier: true, line => _log.Add("WARNING", line));
        return Finish(writer, input, plan, stamp, started, frames, events, masksDropped);
    }

    /// <summary>The job's background: computed, or (dcnum's redo logic) the input's own image_bg and bg_off from this very background pipeline.</summary>
    private FrameBackground Background(RtdcFile input, RedoPlan plan)
    {
        string folder = Path.GetDirectoryName(_job.PathOut)!;
        if (!plan.Background)
            return FrameBackground.FromInput(input, folder, Path.GetFileNameWithoutExtension(_job.PathOut));
        _log.Add("INFO", "Starting background computation");
        Report(ProgressStage.Background);
        var watch = Stopwatch.StartNew();
        var backgroundLog = new List<string>();
        FrameBackground background = FrameBackground.Compute(_job, input, folder, backgroundLog);
        foreach (string line in backgroundLog)
        {
            bool warning = line.StartsWith("WARNING: ", StringComparison.Ordinal);
            _log.Add(warning ? "WARNING" : "INFO", warning ? line["WARNING: ".Length..] : line, "dcnum.Background");
        }
        _log.Add("INFO", $"Background computation time: {watch.Elapsed.TotalSeconds:0.00}s");
        _log.Add("INFO", "Finished background computation");
        return background;
    }

    private JobSummary Finish(RtdcWriter writer, RtdcFile input, RedoPlan plan, string stamp, DateTime started, long frames, long events, long masksDropped)
    {
        _log.Add("INFO", $"Run duration: {_watch.Elapsed:h\\:mm\\:ss}");
        _log.Add("INFO", $"Run stop: {DateTime.UtcNow.ToString("yyyy-MM-dd-HH.mm.ss", CultureInfo.InvariantCulture)}");
        writer.SetLog($"dcnum-job-{stamp}", JobLog.Lines(_job, started, plan), compress: false);
        MetadataCopy.LogsAndTables(input, writer, line => _log.Add("WARNING", line));
        // The log is stored with the file, so the time of writing the file itself goes to the .log beside it only.
        writer.SetLog($"dcnum-log-{stamp}", [.. _log.Lines]);
        writer.Commit(_cancel);
        Report(ProgressStage.Done, 0, frames / Math.Max(_watch.Elapsed.TotalSeconds, 1e-9), TimeSpan.Zero);
        return new JobSummary(_job.PathOut, frames, events, masksDropped, _watch.Elapsed);
    }

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

    private void Report(ProgressStage stage, double fraction = 0, double framesPerSecond = 0, TimeSpan? remaining = null)
        => _progress?.Invoke(new JobProgress(stage, stage.Progress(fraction, _job.Drain), framesPerSecond, remaining));
}
