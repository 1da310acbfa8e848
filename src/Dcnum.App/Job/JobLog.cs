using System.Globalization;
using System.Runtime.InteropServices;
using Dcnum.Read;
using Dcnum.Write;
using Obj = System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, object?>>;

namespace Dcnum.Job;

/// <summary>
/// The <c>dcnum-job-&lt;time&gt;</c> log: the job as indented JSON with sorted keys, one line per
/// dataset row, like dcnum's (our version and system in place of Python's).
/// </summary>
internal static class JobLog
{
    public static string[] Lines(PipelineJob job, DateTime startedUtc, RedoPlan? plan = null)
    {
        plan ??= new RedoPlan(true, true);
        var backgroundKwargs = new Obj();
        if (job.SparseMed is { } s)
        {
            backgroundKwargs.Add(new("frac_cleansing", s.FracCleansing));
            backgroundKwargs.Add(new("kernel_size", (long)s.KernelSize));
            backgroundKwargs.Add(new("offset_correction", s.OffsetCorrection));
            backgroundKwargs.Add(new("split_time", s.SplitTime));
            backgroundKwargs.Add(new("thresh_cleansing", s.ThreshCleansing));
        }
        else if (job.RollMed is { } r)
        {
            backgroundKwargs.Add(new("batch_size", (long)r.BatchSize));
            backgroundKwargs.Add(new("kernel_size", (long)r.KernelSize));
        }
        var root = new Obj
        {
            new("dcnum-native version", Meta.SoftwareVersion.Number),
            new("job", new Obj
            {
                new("background_code", job.BackgroundCode),
                new("background_kwargs", backgroundKwargs),
                new("basin_strategy", job.Drain ? "drain" : "tap"),
                new("compression", job.Compression),
                new("data_code", "hdf"),
                new("data_kwargs", DataKwargs(job.Frames, job.PixelSize)),
                new("debug", false),
                new("feature_code", Features.FeatureSettings.Code),
                new("feature_kwargs", new Obj
                {
                    new("brightness", job.Features.Brightness),
                    new("haralick", job.Features.Haralick),
                    new("volume", job.Features.Volume),
                }),
                new("gate_code", Features.GateSettings.Code),
                new("gate_kwargs", new Obj { new("online_gates", job.Gate.OnlineGates) }),
                new("num_procs", (long)job.NumCpus),
                new("path_in", job.PathIn),
                new("path_out", job.PathOut),
                new("segmenter_code", job.Segmenter.Code),
                new("segmenter_kwargs", SegmenterKwargs(job)),
            }),
            new("pipeline", new Obj
            {
                new("hash", job.Hash),
                new("identifiers", new Obj
                {
                    new("bg_id", job.BackgroundPpid),
                    new("dat_id", job.DataPpid),
                    new("feat_id", job.FeaturePpid),
                    new("gate_id", job.GatePpid),
                    new("gen_id", Meta.PpidGeneration.Value),
                    new("seg_id", job.SegmenterPpid),
                }),
            }),
            // Python's platform.* fields where the kernel tells them, plus what we run on.
            new("system", new Obj
            {
                new("info", $"{SystemName}-{KernelFile("osrelease")}-{Machine}"),
                new("machine", Machine),
                new("name", SystemName),
                new("os", RuntimeInformation.OSDescription),
                new("release", KernelFile("osrelease")),
                new("runtime", RuntimeInformation.FrameworkDescription),
                new("started", startedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"),
                new("version", KernelFile("version")),
            }),
            new("tasks", new Obj { new("background", plan.Background), new("segmentation", plan.Segmentation) }),
        };
        return PythonJson.Dumps(root).Split('\n');
    }

    private static Obj SegmenterKwargs(PipelineJob job)
    {
        var kwargs = new Obj
        {
            new("kwargs_mask", new Obj
            {
                new("clear_border", job.Mask.ClearBorder),
                new("closing_disk", (long)job.Mask.ClosingDisk),
                new("fill_holes", job.Mask.FillHoles),
            }),
        };
        if (job.Model is { } model)
            kwargs.Add(new("model_file", model.File.Path));
        else
            kwargs.Add(new("thresh", job.Segmenter.Thresh));
        return kwargs;
    }

    /// <summary>platform.system().</summary>
    private static string SystemName => OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsMacOS() ? "Darwin" : OperatingSystem.IsWindows() ? "Windows" : RuntimeInformation.OSDescription;

    /// <summary>platform.machine(): the kernel's name for the architecture.</summary>
    private static string Machine => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "i686",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>/proc/sys/kernel/NAME (what uname reports), or "" where there is none.</summary>
    private static string KernelFile(string name)
    {
        try
        {
            return File.ReadAllText($"/proc/sys/kernel/{name}").Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>dcnum's data_kwargs; an index mapping as its ExtendedJSONEncoder writes it (int, or ["PYTHON-SLICE", [start, stop, step]]).</summary>
    private static Obj DataKwargs(FrameSelection frames, double pixelSize)
    {
        var kwargs = new Obj();
        if (!frames.IsAll)
        {
            LimitEvents l = frames.Limit;
            object mapping = l.IsSlice
                ? new object?[] { "PYTHON-SLICE", new object?[] { l.Start, l.Stop, l.Step } }
                : l.Count!.Value;
            kwargs.Add(new("index_mapping", mapping));
        }
        kwargs.Add(new("pixel_size", pixelSize));
        return kwargs;
    }
}
