using Dcnum.Background;
using Dcnum.Features;
using Dcnum.Features.Brightness;
using Dcnum.Features.Contour;
using Dcnum.Features.Gating;
using Dcnum.Features.Texture;
using Dcnum.Labels;
using Dcnum.Read;
using Dcnum.Segmentation;
using Dcnum.Tests.Features.Reference;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Features;

/// <summary>
/// The extractor's bounding-box kernels against the full-frame implementation they replaced
/// (<see cref="ReferenceExtractor"/>, a copy of commit 4746eae): the same events, masks, contour
/// points and every feature value bit for bit, on every frame of the golden inputs and on random
/// label frames that real data rarely has (blobs on the frame border, split labels, holes, lines,
/// single pixels, gaps in the numbering, labels above the maximum, an image_corr range that makes
/// the Haralick levels wrap).
/// </summary>
public class BoundingBoxParityTest
{
    public static IEnumerable<(string Input, double Thresh, bool OnlineGates)> Inputs() =>
    [
        ("cytoshot-test-data.rtdc", -6, false),
        ("cytoshot-test-data.rtdc", -3, false),
        ("cytoshot-test-data-legacy_dce.rtdc", -6, false),
        ("dcnum_thresh_example.rtdc", -6, false),
        ("file_with_variable_length_logs.rtdc", -6, true),
        ("bench_2000.rtdc", -6, false),
    ];

    [Test]
    [MethodDataSource(nameof(Inputs))]
    public async Task GoldenInputs_EveryFrame_SameAsFullFrameKernels(string inputName, double thresh, bool onlineGates)
    {
        using var input = RtdcFile.Open(SharedData.Data(inputName));
        var (h, w) = input.ImageShape!.Value;
        BoxGate gate = onlineGates ? BoxGate.FromFile(input) : BoxGate.None;
        var pair = new ExtractorPair(FeatureSettings.Default, MaskGate.DefaultSizeThreshMask, gate, input.PixelSize, h, w);
        SegmentedFrames.ForEach(input, thresh, (f, image, bg, corr, bgOff, labels, max) => pair.Frame(f, image, bg, corr, bgOff, labels, max));
        await Assert.That(pair.Events).IsGreaterThan(0);
        await Assert.That(pair.Differences()).IsEqualTo("");
    }

    [Test]
    [Arguments(24, 37, 1, false)]
    [Arguments(80, 400, 2, false)]
    [Arguments(31, 64, 3, true)]
    public async Task RandomLabelFrames_SameAsFullFrameKernels(int h, int w, int seed, bool onlineGates)
    {
        var random = new Random(seed);
        int size = h * w;
        BoxGate gate = BoxGate.None;
        if (onlineGates)
        {
            using var m001 = RtdcFile.Open(SharedData.Data("M001_data.rtdc")); // size_x, size_y ≥ 3 px
            gate = BoxGate.FromFile(m001);
        }
        var pair = new ExtractorPair(FeatureSettings.Default, MaskGate.DefaultSizeThreshMask, gate, 0.34, h, w);
        var image = new byte[size];
        var bg = new byte[size];
        var corr = new short[size];
        var labels = new ushort[size];
        random.NextBytes(bg);
        for (int f = 0; f < 400; f++)
        {
            // the background stays, changes in one pixel, or changes everywhere (median cache)
            switch (random.Next(3))
            {
                case 1: bg[random.Next(size)] ^= 0x40; break;
                case 2: random.NextBytes(bg); break;
            }
            random.NextBytes(image);
            // a narrow range in some frames (few grey levels), the full range (wraps) in others
            if (f % 2 == 0)
            {
                for (int p = 0; p < size; p++)
                    image[p] = (byte)(bg[p] / 2 + image[p] % 7 + 60);
            }
            for (int p = 0; p < size; p++)
                corr[p] = (short)(image[p] - bg[p]);
            int max = RandomLabels(random, labels, h, w);
            double? bgOff = f % 3 == 0 ? null : random.NextDouble() * 4 - 2;
            pair.Frame(f, image, bg, corr, bgOff, labels, max);
        }
        await Assert.That(pair.Events).IsGreaterThan(100);
        await Assert.That(pair.Differences()).IsEqualTo("");
    }

    // Every mask size from one pixel (the percentiles' neighbours overlap below three values).
    [Test]
    public async Task Brightness_MasksOfEverySize_SameAsFullFrame()
    {
        const int h = 9, w = 13;
        var random = new Random(8);
        var image = new byte[h * w];
        var corr = new short[h * w];
        var mask = new bool[h * w];
        var box = new EventMask();
        var scratch = new BrightnessScratch();
        var expected = new double[7];
        var actual = new double[7];
        var failures = new List<string>();
        for (int trial = 0; trial < 2000; trial++)
        {
            random.NextBytes(image);
            for (int p = 0; p < corr.Length; p++)
                corr[p] = (short)(image[p] - random.Next(256));
            Array.Clear(mask);
            int pixels = 1 + trial % 40;
            for (int i = 0; i < pixels; i++)
                mask[random.Next(mask.Length)] = true;
            double? bgOff = trial % 2 == 0 ? null : 1.25;
            ReferenceKernels.Brightness(image, corr, mask, bgOff, 100.5, new int[511], expected);
            box.FromFrame(mask, h, w);
            BrightnessFeatures.Compute(image, corr, w, box, bgOff, 100.5, scratch, actual);
            for (int f = 0; f < 7; f++)
            {
                if (BitConverter.DoubleToInt64Bits(expected[f]) != BitConverter.DoubleToInt64Bits(actual[f]))
                    failures.Add($"trial {trial} {BrightnessFeatures.Names[f]}: {actual[f]:R} != {expected[f]:R}");
            }
        }
        await Assert.That(string.Join("; ", failures.Take(10))).IsEqualTo("");
    }

    [Test]
    public async Task Median_RandomImages_SameAsFullHistogram()
    {
        var random = new Random(5);
        var histogram = new int[256];
        var cache = new BackgroundMedian();
        var failures = new List<string>();
        for (int length = 1; length < 300; length += 1 + length / 8)
        {
            var image = new byte[length];
            random.NextBytes(image);
            if (length % 3 == 0)
                Array.Fill(image, (byte)7, 0, length / 2);
            double expected = ReferenceKernels.Median(image, histogram);
            if (NumpyStats.Median(image, histogram) != expected || cache.Of(image) != expected)
                failures.Add($"length {length}");
        }
        await Assert.That(string.Join(", ", failures)).IsEqualTo("");
    }

    // Masks large enough that a matrix holds more than 2^16 counts (log2 computed, not looked up).
    [Test]
    [Arguments(190, 200, 21)]
    [Arguments(260, 300, 22)]
    public async Task Haralick_LargeMasks_SameAsReference(int h, int w, int seed)
    {
        var random = new Random(seed);
        var corr = new short[h * w];
        var mask = new bool[h * w];
        for (int p = 0; p < corr.Length; p++)
        {
            corr[p] = (short)(random.Next(-20, 20) + (p % w) / 10);
            mask[p] = random.Next(50) != 0; // scattered holes: pairs with zeros
        }
        var expected = new double[HaralickFeatures.Count];
        var actual = new double[HaralickFeatures.Count];
        new RefHaralick().Compute(corr, mask, h, w, expected);
        HaralickFeatures.Compute(corr, mask, h, w, new HaralickScratch(), actual);
        var failures = new List<string>();
        for (int f = 0; f < expected.Length; f++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[f]) != BitConverter.DoubleToInt64Bits(actual[f]))
                failures.Add($"{HaralickFeatures.Names[f]}: {actual[f]:R} != {expected[f]:R}");
        }
        await Assert.That(double.IsNaN(actual[0])).IsFalse();
        await Assert.That(string.Join(", ", failures)).IsEqualTo("");
    }

    [Test]
    public async Task ConvexHull_RandomPointSets_SameVerticesInTheSameOrder()
    {
        var random = new Random(11);
        long[] sortKeys = [];
        int[] oldHull = [], newHull = [], work = [];
        var failures = new List<int>();
        for (int trial = 0; trial < 3000; trial++)
        {
            int n = 1 + random.Next(trial % 10 == 0 ? 4 : 200);
            int spread = 1 + random.Next(40);
            var points = new int[2 * n];
            bool line = trial % 7 == 0; // collinear sets: vertical, horizontal or diagonal
            for (int i = 0; i < n; i++)
            {
                int t = random.Next(spread);
                points[2 * i] = line ? (trial % 3 == 0 ? 5 : t) : random.Next(spread);
                points[2 * i + 1] = line ? (trial % 3 == 1 ? 9 : t) : random.Next(spread);
            }
            int a = RefConvexHull.Compute(points, n, ref sortKeys, ref oldHull);
            int b = ConvexHull.Compute(points, n, ref work, ref newHull);
            if (a != b || !oldHull.AsSpan(0, 2 * a).SequenceEqual(newHull.AsSpan(0, 2 * b)))
                failures.Add(trial);
        }
        await Assert.That(string.Join(", ", failures.Take(20))).IsEqualTo("");
    }

    /// <summary>Random blobs: discs, random walks, lines, single pixels, some on the border, some overlapping (split labels).</summary>
    private static int RandomLabels(Random random, ushort[] labels, int h, int w)
    {
        Array.Clear(labels);
        int objects = random.Next(0, 7);
        int label = 0;
        for (int o = 0; o < objects; o++)
        {
            label += 1 + random.Next(3); // gaps in the numbering
            var value = (ushort)label;
            int cy = random.Next(-2, h + 2), cx = random.Next(-2, w + 2);
            switch (random.Next(5))
            {
                case 0: // disc, sometimes with a hole
                    int r = random.Next(1, 12);
                    bool hole = random.Next(2) == 0;
                    for (int y = cy - r; y <= cy + r; y++)
                        for (int x = cx - r; x <= cx + r; x++)
                        {
                            int d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                            if (d2 <= r * r && !(hole && d2 * 9 < r * r))
                                Set(labels, h, w, y, x, value);
                        }
                    break;
                case 1: // random walk with a brush of 0 or 1
                    int brush = random.Next(2);
                    for (int step = random.Next(5, 120), y = cy, x = cx; step > 0; step--)
                    {
                        for (int by = -brush; by <= brush; by++)
                            for (int bx = -brush; bx <= brush; bx++)
                                Set(labels, h, w, y + by, x + bx, value);
                        y += random.Next(-1, 2);
                        x += random.Next(-1, 2);
                    }
                    break;
                case 2: // a one-pixel line (zero contour area)
                    int length = random.Next(5, 30);
                    bool horizontal = random.Next(2) == 0;
                    for (int i = 0; i < length; i++)
                        Set(labels, h, w, horizontal ? cy : cy + i, horizontal ? cx + i : cx, value);
                    break;
                case 3: // rectangle touching the frame border
                    int top = random.Next(2) == 0 ? 0 : random.Next(h), left = random.Next(2) == 0 ? w - random.Next(1, 10) : 0;
                    for (int y = top; y < Math.Min(h, top + random.Next(1, 15)); y++)
                        for (int x = left; x < Math.Min(w, left + random.Next(3, 20)); x++)
                            Set(labels, h, w, y, x, value);
                    break;
                default: // scattered single pixels of one label
                    for (int i = random.Next(1, 30); i > 0; i--)
                        Set(labels, h, w, random.Next(h), random.Next(w), value);
                    break;
            }
        }
        // a label above the maximum is ignored by the size gate
        if (random.Next(4) == 0)
        {
            for (int i = 0; i < 20; i++)
                Set(labels, h, w, random.Next(h), random.Next(w), (ushort)(label + 5));
        }
        return label;
    }

    private static void Set(ushort[] labels, int h, int w, int y, int x, ushort value)
    {
        if ((uint)y < (uint)h && (uint)x < (uint)w)
            labels[y * w + x] = value;
    }

    /// <summary>Runs the production and the reference extractor side by side and lists every difference.</summary>
    private sealed class ExtractorPair(FeatureSettings settings, int sizeThresh, BoxGate gate, double pixelSize, int h, int w)
    {
        private readonly FeatureExtractor _new = new(settings, sizeThresh, gate, pixelSize, h, w, new Dcnum.Features.Texture.HaralickTexture());
        private readonly ReferenceExtractor _old = new(settings, sizeThresh, gate, pixelSize, h, w);
        private readonly List<string> _differences = [];
        private readonly EventMask _box = new();
        private int[] _oldPoints = new int[64], _newPoints = new int[64];
        private EventBatch? _newBatch, _oldBatch;

        public int Events { get; private set; }

        public void Frame(long frame, ReadOnlySpan<byte> image, ReadOnlySpan<byte> bg, ReadOnlySpan<short> corr, double? bgOff, ReadOnlySpan<ushort> labels, int max)
        {
            _newBatch ??= _new.NewBatch();
            _oldBatch ??= _old.NewBatch();
            // dirty batches, as the pipeline reuses them: stale masks must not leak through
            _newBatch.Clear();
            _oldBatch.Clear();
            int n = _new.ExtractFrame(frame, image, bg, corr, bgOff, labels, max, _newBatch);
            int o = _old.ExtractFrame(frame, image, bg, corr, bgOff, labels, max, _oldBatch);
            if (n != o || _newBatch.Count != _oldBatch.Count)
            {
                Note($"frame {frame}: {n} events, reference {o}");
                return;
            }
            int size = h * w;
            for (int e = 0; e < n; e++)
            {
                Events++;
                ReadOnlySpan<bool> mask = _oldBatch.Masks.Slice(e * size, size);
                if (!_newBatch.Masks.Slice(e * size, size).SequenceEqual(mask))
                    Note($"frame {frame} event {e}: mask differs");
                for (int k = 0; k < _new.FeatureNames.Count; k++)
                {
                    double a = _newBatch.Value(e, k), b = _oldBatch.Value(e, k);
                    if (BitConverter.DoubleToInt64Bits(a) != BitConverter.DoubleToInt64Bits(b) && !(double.IsNaN(a) && double.IsNaN(b)))
                        Note($"frame {frame} event {e} {_new.FeatureNames[k]}: {a:R} != {b:R}");
                }
                int oldCount = ReferenceKernels.Trace(mask, h, w, ref _oldPoints);
                _box.FromFrame(mask, h, w);
                int newCount = ContourTracer.Trace(_box, ref _newPoints);
                if (oldCount != newCount || !_newPoints.AsSpan(0, 2 * newCount).SequenceEqual(_oldPoints.AsSpan(0, 2 * oldCount)))
                    Note($"frame {frame} event {e}: contour differs");
                if (!SameHull(_oldPoints, oldCount))
                    Note($"frame {frame} event {e}: hull differs");
            }
            if (_new.MasksDropped != _old.MasksDropped)
                Note($"frame {frame}: {_new.MasksDropped} masks dropped, reference {_old.MasksDropped}");
        }

        public string Differences() => string.Join("; ", _differences);

        private long[] _sortKeys = new long[64];
        private int[] _oldHull = new int[64], _newHull = new int[64], _hullWork = new int[64];

        public bool SameHull(int[] points, int count)
        {
            int a = RefConvexHull.Compute(points, count, ref _sortKeys, ref _oldHull);
            int b = ConvexHull.Compute(points, count, ref _hullWork, ref _newHull);
            return a == b && _oldHull.AsSpan(0, 2 * a).SequenceEqual(_newHull.AsSpan(0, 2 * b));
        }

        private void Note(string difference)
        {
            if (_differences.Count < 20)
                _differences.Add(difference);
        }
    }
}
