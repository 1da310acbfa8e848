using Dcnum.Background;
using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Write;

namespace Dcnum.Job;

/// <summary>The background of every frame, whichever method made it, read in frame order.</summary>
internal abstract class FrameBackground : IDisposable
{
    public abstract ReadOnlySpan<byte> Of(long frame);

    /// <summary>Whether frames have a bg_off (offset correction, or the input's own bg_off).</summary>
    public abstract bool HasBgOff { get; }

    /// <summary>bg_off of input frame <paramref name="frame"/>, whose pixels are <paramref name="image"/>.</summary>
    public abstract double BgOffOf(long frame, ReadOnlySpan<byte> image);

    public virtual void Dispose()
    {
    }

    public static FrameBackground Compute(PipelineJob job, RtdcFile input, string spoolFolder, List<string> log)
    {
        string stem = Path.GetFileNameWithoutExtension(job.PathOut);
        switch (job.BackgroundCode)
        {
            case "sparsemed":
                var result = SparseMedianBackground.Compute(input, job.SparseMed!, offsetsFromFrames: true, parallelism: Math.Max(1, job.NumCpus));
                log.AddRange(result.Log);
                return new SparseMedian(result);
            case "rollmed":
                return Spooled.From(input, spoolFolder, stem, sink => RollingMedianBackground.Compute(input, job.RollMed!, sink), null);
            default:
                return Spooled.From(input, spoolFolder, stem, sink => CopyBackground.Compute(input, sink), CopyBackground.BgOff(input));
        }
    }

    /// <summary>The input's own image_bg and bg_off (a background this job's pipeline made before).</summary>
    public static FrameBackground FromInput(RtdcFile input, string spoolFolder, string stem)
        => Spooled.From(input, spoolFolder, stem, sink => CopyBackground.Compute(input, sink), CopyBackground.BgOff(input));

    public sealed class SparseMedian(SparseMedianResult result) : FrameBackground
    {
        public SparseMedianResult Result { get; } = result;

        public override ReadOnlySpan<byte> Of(long frame) => Result.ImageOfFrame(frame);

        public override bool HasBgOff => Result.ImageTopMeans is not null;

        public override double BgOffOf(long frame, ReadOnlySpan<byte> image)
            => Result.BgOff is { } all ? all[frame] : Result.FrameOffset(frame, image);
    }

    /// <summary>Per-frame backgrounds (rollmed, copy) spooled to a temporary file: memory stays bounded.</summary>
    public sealed class Spooled : FrameBackground
    {
        private readonly FileStream _spool;
        private readonly byte[] _frame;
        private readonly double[]? _bgOff;

        private Spooled(FileStream spool, int frameSize, double[]? bgOff)
        {
            _spool = spool;
            _frame = new byte[frameSize];
            _bgOff = bgOff;
        }

        public static Spooled From(RtdcFile input, string folder, string stem, Action<BackgroundSink> compute, double[]? bgOff)
        {
            var (h, w) = input.ImageShape!.Value;
            string path = Path.Combine(folder, StaleTemporaries.BackgroundPrefix(stem) + StaleTemporaries.NewTag() + ".tmp");
            var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            try
            {
                compute((_, images, count) => spool.Write(images[..(count * h * w)]));
                return new Spooled(spool, h * w, bgOff);
            }
            catch
            {
                DiskFull.BestEffort(spool.Dispose);
                throw;
            }
        }

        public override ReadOnlySpan<byte> Of(long frame)
        {
            _spool.Position = frame * _frame.Length;
            _spool.ReadExactly(_frame);
            return _frame;
        }

        public override bool HasBgOff => _bgOff is not null;

        public override double BgOffOf(long frame, ReadOnlySpan<byte> image) => _bgOff![frame];

        public override void Dispose() => DiskFull.BestEffort(_spool.Dispose);
    }
}
