using Dcnum.Features.Brightness;
using Dcnum.Features.Contour;
using Dcnum.Features.Gating;
using Dcnum.Features.Volume;
using Dcnum.Labels;

namespace Dcnum.Features;

/// <summary>
/// The events of one frame, as dcnum's <c>QueueEventExtractor</c> makes them: every label 1…max in
/// order becomes a mask, kept if it has more than <c>size_thresh_mask</c> pixels; its moment,
/// brightness, texture and volume features are computed; events outside the box gates are dropped,
/// and events whose contour is invalid are dropped and counted (<see cref="MasksDropped"/>).
/// One instance per worker: every buffer is reused.
/// </summary>
/// <remarks>
/// The size gate also finds each kept label's bounding box, and every per-event kernel runs on
/// that box (<see cref="EventMask"/>, padded by one pixel) instead of the whole frame; only the
/// full-frame mask the writer needs is written once per event (the slot's previous box cleared,
/// then the box rows).
/// </remarks>
public sealed class FeatureExtractor
{
    private readonly FeatureSettings _settings;
    private readonly int _sizeThreshMask;
    private readonly BoxGate _boxGate;
    private readonly double _pixelSize;
    private readonly int _height, _width;
    private readonly ITextureFeatures? _texture;
    private readonly ContourScratch _contour = new();
    private readonly MaskGateScratch _gateScratch = new();
    private LabelBox[] _kept = new LabelBox[64];
    private readonly EventMask _mask = new();
    private readonly BackgroundMedian _bgMedian = new();
    private readonly BrightnessScratch _brightness = new();
    private readonly double[] _textureValues;
    private double[] _volumeScratch = new double[2048];
    private readonly int _brightnessAt, _textureAt, _volumeAt;
    // feature position of each box gate (−1: not a feature of this extractor, so it passes)
    private readonly int[] _gateIndex;

    public FeatureExtractor(FeatureSettings settings, int sizeThreshMask, BoxGate boxGate, double pixelSize, int height, int width, ITextureFeatures? texture)
    {
        if (!(pixelSize > 0))
            throw new ArgumentOutOfRangeException(nameof(pixelSize), "the pixel size must be positive (dcnum asserts it)");
        if (settings.Haralick && texture is null)
            throw new ArgumentException("haralick is on but no texture features were given", nameof(texture));
        _settings = settings;
        _sizeThreshMask = sizeThreshMask;
        _boxGate = boxGate;
        _pixelSize = pixelSize;
        _height = height;
        _width = width;
        _texture = settings.Haralick ? texture : null;
        var names = new List<string>(MomentFeatures.Names);
        _brightnessAt = names.Count;
        if (settings.Brightness)
            names.AddRange(BrightnessFeatures.Names);
        _textureAt = names.Count;
        if (_texture is not null)
            names.AddRange(_texture.Names);
        _textureValues = new double[_texture?.Names.Count ?? 0];
        _volumeAt = names.Count;
        if (settings.Volume)
            names.Add("volume");
        FeatureNames = names;
        _gateIndex = boxGate.IndicesIn(names);
    }

    /// <summary>Scalar features of every event, in the order of the batch's value rows.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Events dropped because their contour was invalid.</summary>
    public long MasksDropped { get; private set; }

    public EventBatch NewBatch() => new(FeatureNames, _height, _width);

    /// <summary>Appends the events of one frame to <paramref name="batch"/>; returns how many.</summary>
    public int ExtractFrame(long frame, ReadOnlySpan<byte> image, ReadOnlySpan<byte> imageBg, ReadOnlySpan<short> imageCorr,
        double? bgOff, ReadOnlySpan<ushort> labels, int maxLabel, EventBatch batch)
    {
        if (maxLabel == 0)
            return 0; // no label: nothing to scan the frame for
        if (maxLabel >= _kept.Length)
            _kept = new LabelBox[Math.Max(maxLabel + 1, 2 * _kept.Length)];
        int kept = MaskGate.KeptLabels(labels, _width, maxLabel, _sizeThreshMask, _gateScratch, _kept);
        if (kept == 0)
            return 0;
        double bgMedian = _settings.Brightness ? _bgMedian.Of(imageBg) : double.NaN;
        int added = 0;
        for (int k = 0; k < kept; k++)
        {
            _mask.FromLabels(labels, _width, _kept[k]);
            int e = batch.Add(frame);
            Span<double> values = batch.ValuesOf(e);
            int n = ContourTracer.Trace(_mask, ref _contour.Contour);
            MomentFeatures moments = MomentFeatures.Compute(_contour.Contour, n, _pixelSize, _contour);
            moments.CopyTo(values);
            if (_settings.Brightness)
                BrightnessFeatures.Compute(image, imageCorr, _width, _mask, bgOff, bgMedian, _brightness, values.Slice(_brightnessAt, BrightnessFeatures.Names.Length));
            if (_texture is not null)
            {
                _texture.Compute(image, imageCorr, _width, _mask, _textureValues);
                _textureValues.CopyTo(values.Slice(_textureAt, _textureValues.Length));
            }
            if (_settings.Volume)
            {
                if (_volumeScratch.Length < 2 * n + 2)
                    _volumeScratch = new double[2 * n + 2];
                values[_volumeAt] = moments.Valid
                    ? VolumeFeature.Compute(_contour.Contour, n, moments.PosX, moments.PosY, _pixelSize, _volumeScratch)
                    : double.NaN;
            }
            if (!_boxGate.Passes(values, _gateIndex))
            {
                batch.RemoveLast();
                continue;
            }
            if (!moments.Valid)
            {
                MasksDropped++;
                batch.RemoveLast();
                continue;
            }
            batch.SetMask(e, _mask);
            added++;
        }
        return added;
    }
}
