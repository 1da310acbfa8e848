using Dcnum.Background;
using Dcnum.Features;
using Dcnum.Features.Gating;
using Dcnum.Features.Texture;
using Dcnum.Job.Segmenters;
using Dcnum.Labels;
using Dcnum.Logic;
using Dcnum.Read;
using Dcnum.Segmentation;
using Dcnum.Write;

namespace Dcnum.Job;

/// <summary>
/// The job's stages as the slot register runs them: the loader fills a slot from the input and the
/// background; workers segment, label, process labels and extract features with their own scratch.
/// </summary>
internal sealed class PipelineKernels : IChunkSource, ISlotKernels
{
    private readonly PipelineJob _job;
    private readonly RtdcFile _input;
    private readonly FrameBackground _background;
    private readonly Action<FrameEvents> _emit;
    private readonly LabelScratch[] _scratch;
    private readonly FeatureExtractor[] _extractors;
    private readonly bool _perEventBackground;
    private readonly System.Collections.Concurrent.ConcurrentBag<EventBatch> _batches = [];
    private readonly ImageBufferPool _imageBuffers = new();
    private byte[]? _strideBuffer;
    private readonly IMaskSegmenter _segmenter;

    public PipelineKernels(PipelineJob job, RtdcFile input, FrameBackground background, int workers, int height, int width, Action<FrameEvents> emit)
    {
        _job = job;
        _input = input;
        _background = background;
        _emit = emit;
        _perEventBackground = background is not FrameBackground.SparseMedian;
        _segmenter = MaskSegmenters.Create(job, workers, height, width);
        _scratch = new LabelScratch[workers];
        _extractors = new FeatureExtractor[workers];
        int sizeThresh = job.Gate.EffectiveSizeThreshMask(input.AttributeNumber("online_contour:bin area min"));
        BoxGate gate = job.Gate.OnlineGates ? BoxGate.FromFile(input) : BoxGate.None;
        for (int w = 0; w < workers; w++)
        {
            _scratch[w] = new LabelScratch(height, width);
            _extractors[w] = new FeatureExtractor(job.Features, sizeThresh, gate, job.PixelSize, height, width,
                job.Features.Haralick ? new HaralickTexture() : null);
        }
    }

    public long MasksDropped => _extractors.Sum(e => e.MasksDropped);

    /// <summary>
    /// Runs on one thread at a time (the register's loader lock): the input file and the background
    /// spool are not shared. <paramref name="firstFrame"/> is a position in the job's
    /// <see cref="FrameSelection"/>; the background belongs to the input frame it maps to.
    /// </summary>
    public void Load(ChunkSlot slot, int chunk, long firstFrame, int count)
    {
        int size = slot.FrameSize;
        FrameSelection frames = _job.Frames;
        ReadFrames(firstFrame, count, slot.Image.AsSpan(0, count * size), size);
        // Chunks load in order, so the frame before this chunk lies in one of the last two HDF5
        // chunks read: the reader's chunk cache holds them, nothing is decompressed again.
        if (firstFrame > 0)
            _input.ReadFeatureRows<byte>("image", frames.RawIndex(firstFrame - 1), 1, slot.FrameBeforeChunk);
        slot.HasBgOff = _background.HasBgOff;
        for (int i = 0; i < count; i++)
        {
            long raw = frames.RawIndex(firstFrame + i);
            ReadOnlySpan<byte> image = slot.Image.AsSpan(i * size, size);
            _background.Of(raw).CopyTo(slot.ImageBg.AsSpan(i * size, size));
            slot.BgOff[i] = slot.HasBgOff ? _background.BgOffOf(raw, image) : 0.0;
            ImageCorrection.Subtract(image, slot.ImageBg.AsSpan(i * size, size), slot.ImageCorr.AsSpan(i * size, size));
        }
    }

    /// <summary>Reads the images of positions [first, first+count): one read for consecutive frames, else blocks of input rows picked apart (dcnum's MappedHDF5Dataset reads the covering range too).</summary>
    private void ReadFrames(long first, int count, Span<byte> destination, int size)
    {
        FrameSelection frames = _job.Frames;
        if (frames.Step == 1)
        {
            _input.ReadFeatureRows<byte>("image", frames.RawIndex(first), count, destination);
            return;
        }
        const int BlockRows = 256;
        _strideBuffer ??= new byte[BlockRows * size];
        int perBlock = (int)Math.Max(1, (BlockRows - 1) / frames.Step + 1);
        for (int done = 0; done < count;)
        {
            int take = Math.Min(perBlock, count - done);
            long raw0 = frames.RawIndex(first + done);
            int rows = (int)((take - 1) * frames.Step + 1);
            _input.ReadFeatureRows<byte>("image", raw0, rows, _strideBuffer.AsSpan(0, rows * size));
            for (int k = 0; k < take; k++)
                _strideBuffer.AsSpan((int)(k * frames.Step) * size, size).CopyTo(destination.Slice((done + k) * size, size));
            done += take;
        }
    }

    public void SegmentImages(ChunkSlot slot, int start, int stop, int worker) => _segmenter.Segment(slot, start, stop, worker);

    public void LabelMasks(ChunkSlot slot, int start, int stop, int worker)
    {
        int size = slot.FrameSize;
        for (int i = start; i < stop; i++)
            ConnectedComponents.Label8(slot.Mask.AsSpan(i * size, size), slot.Labels.AsSpan(i * size, size), slot.Height, slot.Width, _scratch[worker]);
    }

    public void ProcessLabels(ChunkSlot slot, int start, int stop, int worker)
    {
        int size = slot.FrameSize;
        for (int i = start; i < stop; i++)
            slot.MaxLabel[i] = LabelProcessor.Process(slot.Labels.AsSpan(i * size, size), slot.Height, slot.Width, _job.Mask, _scratch[worker]);
    }

    public void ExtractFeatures(ChunkSlot slot, int start, int stop, int worker, Span<int> eventsPerFrame)
    {
        int size = slot.FrameSize;
        long chunkFirst = FirstFrameOf(slot);
        FeatureExtractor extractor = _extractors[worker];
        EventBatch batch = _batches.TryTake(out EventBatch? pooled) ? pooled : extractor.NewBatch();
        for (int i = start; i < stop; i++)
        {
            long frame = chunkFirst + i; // position in the selection (dcnum's index_unmapped)
            ReadOnlySpan<byte> image = slot.Image.AsSpan(i * size, size);
            ReadOnlySpan<byte> previous = i > 0 ? slot.Image.AsSpan((i - 1) * size, size) : slot.FrameBeforeChunk;
            if (DuplicateFrames.IsDuplicate(frame, image, previous))
            {
                eventsPerFrame[i - start] = 0;
                continue;
            }
            eventsPerFrame[i - start] = extractor.ExtractFrame(frame, image, slot.ImageBg.AsSpan(i * size, size), slot.ImageCorr.AsSpan(i * size, size),
                slot.HasBgOff ? slot.BgOff[i] : null, slot.Labels.AsSpan(i * size, size), slot.MaxLabel[i], batch);
        }

        // Per-event copies of what the slot holds per frame: the slot is reused once this chunk is done.
        int n = batch.Count;
        ReadOnlySpan<long> frames = batch.Frames;
        byte[]? images = _job.Drain ? _imageBuffers.Rent(n * size) : null;
        byte[]? backgrounds = _perEventBackground ? _imageBuffers.Rent(n * size) : null;
        double[]? bgOff = slot.HasBgOff ? new double[n] : null;
        for (int e = 0; e < n; e++)
        {
            int i = (int)(frames[e] - chunkFirst);
            if (images is not null)
                slot.Image.AsSpan(i * size, size).CopyTo(images.AsSpan(e * size, size));
            if (backgrounds is not null)
                slot.ImageBg.AsSpan(i * size, size).CopyTo(backgrounds.AsSpan(e * size, size));
            if (bgOff is not null)
                bgOff[e] = slot.BgOff[i];
        }
        _emit(new FrameEvents
        {
            FirstFrame = chunkFirst + start,
            FrameCount = stop - start,
            Events = batch,
            Bytes = (long)n * size * (1 + (images is null ? 0 : 1) + (backgrounds is null ? 0 : 1)) + (long)n * 8 * (batch.FeatureNames.Count + 4),
            Images = images,
            Backgrounds = backgrounds,
            BgOff = bgOff,
        });
    }

    /// <summary>Gives written events back for reuse (their buffers are large: images and masks of every event).</summary>
    public void Return(FrameEvents events)
    {
        events.Events.Clear();
        _batches.Add(events.Events);
        _imageBuffers.Return(events.Images);
        _imageBuffers.Return(events.Backgrounds);
    }

    /// <summary>Set by the runner: frames per full chunk (the register's chunk size).</summary>
    public int ChunkSize { get; set; }

    private long FirstFrameOf(ChunkSlot slot) => (long)slot.Chunk * ChunkSize;
}
