using Dcnum.Background;

namespace Dcnum.Features.Brightness;

/// <summary>
/// The background median of consecutive frames, recomputed only when the background's pixels
/// change: sparsemed gives many frames the same background image, and comparing two frames costs
/// far less than a histogram. One instance per worker.
/// </summary>
public sealed class BackgroundMedian
{
    private byte[] _last = [];
    private bool _known;
    private double _median;
    private readonly int[] _histogram = new int[256];

    public double Of(ReadOnlySpan<byte> imageBg)
    {
        if (_known && _last.Length == imageBg.Length && imageBg.SequenceEqual(_last))
            return _median;
        _median = NumpyStats.Median(imageBg, _histogram);
        if (_last.Length != imageBg.Length)
            _last = new byte[imageBg.Length];
        imageBg.CopyTo(_last);
        _known = true;
        return _median;
    }
}
