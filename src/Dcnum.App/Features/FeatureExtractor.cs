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
public sealed class FeatureExtractor
{
    private readonly FeatureSettings _settings;
    private readonly int _sizeThreshMask;
    private readonly BoxGate _boxGate;
    private readonly double _pixelSize;
    private readonly int _height, _width;
    private readonly ITextureFeatures? _texture;
    private readonly ContourScratch _contour = new();
    private readonly LabelScratch _labelScratch;
    private readonly ushort[] _kept = new ushort[ushort.MaxValue + 1];
    private readonly int[] _keptSizes = new int[ushort.MaxValue + 1];
    private readonly int[] _histogram = new int[511];
    private readonly double[] _textureValues;
    private double[] _volumeScratch = new double[2048];
    private readonly int _brightnessAt, _textureAt, _volumeAt;
    private readonly Dictionary<string, int> _index;
    private readonly double[] _gateRow;

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
        _labelScratch = new LabelScratch(height, width);
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
        _index = names.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => t.i);
        _gateRow = new double[names.Count];
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
        int kept = MaskGate.KeptLabels(labels, maxLabel, _sizeThreshMask, _labelScratch, _kept, _keptSizes);
        if (kept == 0)
            return 0;
        double bgMedian = _settings.Brightness ? BrightnessFeatures.Median(imageBg, _histogram) : double.NaN;
        int added = 0;
        for (int k = 0; k < kept; k++)
        {
            int e = batch.Add(frame);
            Span<double> values = batch.ValuesOf(e);
            Span<bool> mask = batch.MaskOf(e);
            MaskGate.ExtractMask(labels, _kept[k], mask);
            int n = ContourTracer.Trace(mask, _height, _width, ref _contour.Contour);
            MomentFeatures moments = MomentFeatures.Compute(_contour.Contour, n, _pixelSize, _contour);
            moments.CopyTo(values);
            if (_settings.Brightness)
                BrightnessFeatures.Compute(image, imageBg, imageCorr, mask, bgOff, bgMedian, _histogram, values.Slice(_brightnessAt, BrightnessFeatures.Names.Length));
            if (_texture is not null)
            {
                _texture.Compute(image, imageCorr, mask, _height, _width, _textureValues);
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
            if (_boxGate.Gates.Count > 0)
            {
                values.CopyTo(_gateRow);
                if (!_boxGate.Passes(name => _index.TryGetValue(name, out int i) ? _gateRow[i] : null))
                {
                    batch.RemoveLast();
                    continue;
                }
            }
            if (!moments.Valid)
            {
                MasksDropped++;
                batch.RemoveLast();
                continue;
            }
            added++;
        }
        return added;
    }
}
