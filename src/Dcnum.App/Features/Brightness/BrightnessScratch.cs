namespace Dcnum.Features.Brightness;

/// <summary>Per-worker buffers of <see cref="BrightnessFeatures.Compute"/>: the gathered mask pixels and the histogram.</summary>
public sealed class BrightnessScratch
{
    private byte[] _raw = new byte[4096];
    private short[] _corr = new short[4096];

    internal int[] Histogram { get; } = new int[511];

    internal (byte[] Raw, short[] Corr) Pixels(int length)
    {
        if (_raw.Length < length)
        {
            _raw = new byte[Math.Max(length, 2 * _raw.Length)];
            _corr = new short[_raw.Length];
        }
        return (_raw, _corr);
    }
}
