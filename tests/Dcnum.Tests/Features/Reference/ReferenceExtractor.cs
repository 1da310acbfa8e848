using Dcnum.Features;
using Dcnum.Features.Brightness;
using Dcnum.Features.Contour;
using Dcnum.Features.Gating;
using Dcnum.Features.Texture;
using Dcnum.Features.Volume;

namespace Dcnum.Tests.Features.Reference;

/// <summary>
/// FeatureExtractor.ExtractFrame as of commit 4746eae: every kernel over the whole frame, one
/// full-frame mask per event. Same feature order as the production extractor; test-only.
/// </summary>
internal sealed class ReferenceExtractor
{
    private readonly FeatureSettings _settings;
    private readonly int _sizeThreshMask, _height, _width;
    private readonly BoxGate _boxGate;
    private readonly double _pixelSize;
    private readonly RefHaralick? _texture;
    private readonly ContourScratch _contour = new();
    private readonly RefHullScratch _hull = new();
    private readonly int[] _counts = new int[ushort.MaxValue + 1];
    private readonly ushort[] _kept = new ushort[ushort.MaxValue + 1];
    private readonly int[] _keptSizes = new int[ushort.MaxValue + 1];
    private readonly int[] _histogram = new int[511];
    private readonly double[] _textureValues = new double[HaralickFeatures.Count];
    private double[] _volumeScratch = new double[2048];
    private readonly int _brightnessAt, _textureAt, _volumeAt;
    private readonly Dictionary<string, int> _index;
    private readonly double[] _gateRow;

    public ReferenceExtractor(FeatureSettings settings, int sizeThreshMask, BoxGate boxGate, double pixelSize, int height, int width)
    {
        _settings = settings;
        _sizeThreshMask = sizeThreshMask;
        _boxGate = boxGate;
        _pixelSize = pixelSize;
        _height = height;
        _width = width;
        _texture = settings.Haralick ? new RefHaralick() : null;
        var names = new List<string>(MomentFeatures.Names);
        _brightnessAt = names.Count;
        if (settings.Brightness)
            names.AddRange(BrightnessFeatures.Names);
        _textureAt = names.Count;
        if (_texture is not null)
            names.AddRange(HaralickFeatures.Names.ToArray());
        _volumeAt = names.Count;
        if (settings.Volume)
            names.Add("volume");
        FeatureNames = names;
        _index = names.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => t.i);
        _gateRow = new double[names.Count];
    }

    public IReadOnlyList<string> FeatureNames { get; }

    public long MasksDropped { get; private set; }

    public EventBatch NewBatch() => new(FeatureNames, _height, _width);

    public int ExtractFrame(long frame, ReadOnlySpan<byte> image, ReadOnlySpan<byte> imageBg, ReadOnlySpan<short> imageCorr,
        double? bgOff, ReadOnlySpan<ushort> labels, int maxLabel, EventBatch batch)
    {
        int kept = ReferenceKernels.KeptLabels(labels, maxLabel, _sizeThreshMask, _counts, _kept, _keptSizes);
        if (kept == 0)
            return 0;
        double bgMedian = _settings.Brightness ? ReferenceKernels.Median(imageBg, _histogram) : double.NaN;
        int added = 0;
        for (int k = 0; k < kept; k++)
        {
            int e = batch.Add(frame);
            Span<double> values = batch.ValuesOf(e);
            Span<bool> mask = batch.MaskOf(e);
            ReferenceKernels.ExtractMask(labels, _kept[k], mask);
            int n = ReferenceKernels.Trace(mask, _height, _width, ref _contour.Contour);
            MomentFeatures moments = RefMoments.Compute(_contour.Contour, n, _pixelSize, _hull);
            moments.CopyTo(values);
            if (_settings.Brightness)
                ReferenceKernels.Brightness(image, imageCorr, mask, bgOff, bgMedian, _histogram, values.Slice(_brightnessAt, BrightnessFeatures.Names.Length));
            if (_texture is not null)
            {
                _texture.Compute(imageCorr, mask, _height, _width, _textureValues);
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
