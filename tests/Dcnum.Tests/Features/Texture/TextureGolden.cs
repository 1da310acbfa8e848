using Dcnum.Read;
using Dcnum.Tests.Support;
using PureHDF;
using PureHDF.VOL.Native;

namespace Dcnum.Tests.Features.Texture;

/// <summary>One golden event as the Haralick stage sees it: frame image, background, mask.</summary>
internal delegate void GoldenEventVisitor(int index, ReadOnlySpan<byte> image, ReadOnlySpan<byte> imageBg, ReadOnlySpan<bool> mask);

/// <summary>
/// Reads a dcnum golden output event by event: <c>events/mask</c>, the frame image
/// (<c>events/image</c>, or for tap outputs the input's <c>events/image</c> at <c>basinmap0</c>),
/// the background (<c>events/image_bg</c>, or <c>basin_events/image_bg</c> at <c>basinmap1</c>)
/// and the reference <c>tex_*</c> values.
/// </summary>
internal sealed class TextureGolden : IDisposable
{
    private const int Block = 128;

    private readonly RtdcFile _golden;
    private readonly RtdcFile? _input;

    public TextureGolden(string goldenName)
    {
        _golden = RtdcFile.Open(SharedData.Golden(goldenName));
        ulong[] dims = _golden.InnateDataset("mask").Space.Dimensions;
        Count = (int)dims[0];
        Height = (int)dims[1];
        Width = (int)dims[2];
        if (!_golden.HasInnateFeature("image"))
        {
            string inputName = goldenName[..goldenName.IndexOf("__", StringComparison.Ordinal)] + ".rtdc";
            _input = RtdcFile.Open(SharedData.Data(inputName));
        }
    }

    public int Count { get; }

    public int Height { get; }

    public int Width { get; }

    /// <summary>The reference values of <c>events/<paramref name="name"/></c> (float64).</summary>
    public double[] Feature(string name)
    {
        var values = new double[Count];
        RtdcFile.ReadRows<double>(_golden.InnateDataset(name), 0, Count, values);
        return values;
    }

    /// <summary>Names of the <c>tex_*</c> datasets in <c>events/</c>.</summary>
    public IEnumerable<string> TextureFeatureNames()
        => _golden.Native.Group("events").Children().Select(link => link.Name).Where(name => name.StartsWith("tex_", StringComparison.Ordinal));

    public void ForEachEvent(GoldenEventVisitor visit)
    {
        int frame = Height * Width;
        long[]? inputFrames = _input is null ? null : ReadBasinmap0();
        (byte[] Images, long[] Map)? basinBackgrounds = _golden.HasInnateFeature("image_bg") ? null : ReadBasinBackgrounds();

        var masks = new byte[Block * frame];
        var images = new byte[Block * frame];
        var backgrounds = new byte[Block * frame];
        var mask = new bool[frame];
        byte[] inputImages = [];
        for (int start = 0; start < Count; start += Block)
        {
            int n = Math.Min(Block, Count - start);
            RtdcFile.ReadRows<byte>(_golden.InnateDataset("mask"), start, n, masks.AsSpan(0, n * frame));
            long firstInput = 0;
            if (inputFrames is null)
            {
                RtdcFile.ReadRows<byte>(_golden.InnateDataset("image"), start, n, images.AsSpan(0, n * frame));
            }
            else
            {
                firstInput = inputFrames[start];
                int span = (int)(inputFrames[start + n - 1] - firstInput + 1);
                if (inputImages.Length < span * frame)
                    inputImages = new byte[span * frame];
                RtdcFile.ReadRows<byte>(_input!.InnateDataset("image"), firstInput, span, inputImages.AsSpan(0, span * frame));
            }
            if (basinBackgrounds is null)
                RtdcFile.ReadRows<byte>(_golden.InnateDataset("image_bg"), start, n, backgrounds.AsSpan(0, n * frame));

            for (int e = 0; e < n; e++)
            {
                int index = start + e;
                ReadOnlySpan<byte> maskBytes = masks.AsSpan(e * frame, frame);
                for (int i = 0; i < frame; i++)
                    mask[i] = maskBytes[i] != 0;
                ReadOnlySpan<byte> image = inputFrames is null
                    ? images.AsSpan(e * frame, frame)
                    : inputImages.AsSpan((int)(inputFrames[index] - firstInput) * frame, frame);
                ReadOnlySpan<byte> background = basinBackgrounds is { } basin
                    ? basin.Images.AsSpan((int)basin.Map[index] * frame, frame)
                    : backgrounds.AsSpan(e * frame, frame);
                visit(index, image, background, mask);
            }
        }
    }

    public void Dispose()
    {
        _golden.Dispose();
        _input?.Dispose();
    }

    private long[] ReadBasinmap0()
    {
        var map = new uint[Count];
        RtdcFile.ReadRows<uint>(_golden.InnateDataset("basinmap0"), 0, Count, map);
        return Array.ConvertAll(map, v => (long)v);
    }

    private (byte[] Images, long[] Map) ReadBasinBackgrounds()
    {
        var dataset = (NativeDataset)_golden.Native.Group("basin_events").Dataset("image_bg");
        int unique = (int)dataset.Space.Dimensions[0];
        var images = new byte[unique * Height * Width];
        RtdcFile.ReadRows<byte>(dataset, 0, unique, images);
        var map = new long[Count];
        RtdcFile.ReadRows<long>(_golden.InnateDataset("basinmap1"), 0, Count, map);
        return (images, map);
    }
}
