using Dcnum.Segmentation.Torch.Export;
using Dcnum.Segmentation.Torch.Export.Kernels;

namespace Dcnum.Tests.Segmentation.Torch.Export;

/// <summary>
/// The float32 kernels against the float64 textbook layers (<see cref="Float64Reference"/>) on
/// random data, for the geometries the vector paths take (widths with tails, channel counts that
/// are not multiples of 4) and those that go through the general loops; pooling and resizing
/// against values worked out by hand.
/// </summary>
public class KernelsTest
{
    private static Tensor Random(int[] shape, int seed)
    {
        var t = Tensor.Create(DType.Float32, shape);
        var rnd = new Random(seed);
        for (int i = 0; i < t.Length; i++)
            t.F[i] = (float)(rnd.NextDouble() * 2 - 1);
        return t;
    }

    private static Tensor Of(int[] shape, params float[] values)
    {
        var t = Tensor.Create(DType.Float32, shape);
        values.CopyTo(t.F, 0);
        return t;
    }

    private static double MaxError(Tensor y, int sample, double[] expected)
    {
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
            worst = Math.Max(worst, Math.Abs(y.F[sample * expected.Length + i] - expected[i]));
        return worst;
    }

    private static double[] Sample(Tensor x, int s)
    {
        int size = x.Length / x.Shape[0];
        return [.. x.F.AsSpan(s * size, size).ToArray().Select(v => (double)v)];
    }

    // (cin, cout, h, w, kh, kw, stride, pad, dil, groups): stride 1 / 1 group take the vector kernel
    public static IEnumerable<(int, int, int, int, int, int, int, int, int, int)> ConvCases() =>
    [
        (3, 6, 9, 21, 3, 3, 1, 1, 1, 1),
        (5, 9, 7, 19, 3, 3, 1, 2, 2, 1),
        (2, 4, 6, 13, 5, 3, 1, 0, 1, 1),
        (8, 1, 5, 17, 1, 1, 1, 0, 1, 1),
        (4, 6, 9, 11, 3, 3, 2, 1, 1, 1),
        (4, 6, 8, 10, 3, 3, 1, 1, 1, 2),
    ];

    [Test]
    [MethodDataSource(nameof(ConvCases))]
    public async Task Conv2d_EqualsFloat64(int cin, int cout, int h, int w, int kh, int kw, int stride, int pad, int dil, int groups)
    {
        var x = Random([2, cin, h, w], 1);
        var weight = Random([cout, cin / groups, kh, kw], 2);
        var bias = Random([cout], 3);
        var p = new Conv2dParams((stride, stride), (pad, pad), (dil, dil), (0, 0), groups);
        var y = Tensor.Create(DType.Float32, Convolution2d.OutputShape(x.Shape, weight.Shape, bias, p));
        Convolution2d.Run(x, weight, bias, p, y, new KernelScratch());
        double worst = 0;
        for (int s = 0; s < 2; s++)
        {
            var expected = Float64Reference.Conv2d(Sample(x, s), cin, h, w, weight.F, cout, kh, kw, bias.F,
                (stride, stride), (pad, pad), (dil, dil), groups, out int oh, out int ow);
            await Assert.That(y.Shape.SequenceEqual([2, cout, oh, ow])).IsTrue();
            worst = Math.Max(worst, MaxError(y, s, expected));
        }
        await Assert.That(worst).IsLessThan(1e-5);
    }

    // (cin, coutPerGroup, h, w, k, stride, pad, dil, outPad, groups): 2×2/2 takes the vector kernel
    public static IEnumerable<(int, int, int, int, int, int, int, int, int, int)> TransposedCases() =>
    [
        (6, 3, 5, 7, 2, 2, 0, 1, 0, 1),
        (32, 16, 4, 8, 2, 2, 0, 1, 0, 1),
        (4, 3, 5, 6, 3, 2, 1, 1, 1, 1),
        (4, 2, 4, 5, 3, 1, 1, 2, 0, 2),
    ];

    [Test]
    [MethodDataSource(nameof(TransposedCases))]
    public async Task ConvTranspose2d_EqualsFloat64(int cin, int coutG, int h, int w, int k, int stride, int pad, int dil, int outPad, int groups)
    {
        var x = Random([2, cin, h, w], 4);
        var weight = Random([cin, coutG, k, k], 5);
        var bias = Random([coutG * groups], 6);
        var p = new Conv2dParams((stride, stride), (pad, pad), (dil, dil), (outPad, outPad), groups);
        var y = Tensor.Create(DType.Float32, Convolution2d.TransposedOutputShape(x.Shape, weight.Shape, bias, p));
        Convolution2d.RunTransposed(x, weight, bias, p, y, new KernelScratch());
        double worst = 0;
        for (int s = 0; s < 2; s++)
        {
            var expected = Float64Reference.ConvTranspose2d(Sample(x, s), cin, h, w, weight.F, coutG, k, k, bias.F,
                (stride, stride), (pad, pad), (dil, dil), (outPad, outPad), groups, out int oh, out int ow);
            await Assert.That(y.Shape.SequenceEqual([2, coutG * groups, oh, ow])).IsTrue();
            worst = Math.Max(worst, MaxError(y, s, expected));
        }
        await Assert.That(worst).IsLessThan(1e-5);
    }

    [Test]
    public async Task MaxPool_2x2_FloorAndCeil()
    {
        // 3×3 input 0..8: floor mode keeps one window, ceil mode adds the partial ones
        var x = Of([1, 1, 3, 3], 0, 1, 2, 3, 4, 5, 6, 7, 8);
        var floor = new Pool2dParams((2, 2), (2, 2), (0, 0), (1, 1), false);
        var y = Tensor.Create(DType.Float32, Pooling.OutputShape(x.Shape, floor));
        Pooling.Max(x, floor, y, null);
        await Assert.That(y.Shape.SequenceEqual([1, 1, 1, 1])).IsTrue();
        await Assert.That(y.F[0]).IsEqualTo(4f);
        var ceil = floor with { CeilMode = true };
        var yc = Tensor.Create(DType.Float32, Pooling.OutputShape(x.Shape, ceil));
        var indices = Tensor.Create(DType.Int64, (int[])yc.Shape.Clone());
        Pooling.Max(x, ceil, yc, indices);
        await Assert.That(yc.F.SequenceEqual([4f, 5f, 7f, 8f])).IsTrue();
        await Assert.That(indices.L.SequenceEqual([4L, 5L, 7L, 8L])).IsTrue();
    }

    [Test]
    public async Task MaxPool_3x3Stride2Padded_PaddingNeverWins()
    {
        // all negative: a zero from the padding would win if padding took part
        var x = Of([1, 1, 4, 4], [.. Enumerable.Range(0, 16).Select(i => -1f - i)]);
        var p = new Pool2dParams((3, 3), (2, 2), (1, 1), (1, 1), false);
        var y = Tensor.Create(DType.Float32, Pooling.OutputShape(x.Shape, p));
        Pooling.Max(x, p, y, null);
        // windows start at rows/cols -1 and 1: maxima at (0,0) (0,1) (1,0) (1,1) of the input
        await Assert.That(y.F.SequenceEqual([-1f, -2f, -5f, -6f])).IsTrue();
    }

    [Test]
    public async Task Bilinear_AlignCorners_ByHand()
    {
        var x = Of([1, 1, 2, 2], 0, 1, 2, 3);
        var y = Tensor.Create(DType.Float32, [1, 1, 3, 3]);
        Upsample.Bilinear(x, y, alignCorners: true, 2, 2);
        await Assert.That(y.F.SequenceEqual([0f, 0.5f, 1f, 1f, 1.5f, 2f, 2f, 2.5f, 3f])).IsTrue();
    }

    [Test]
    public async Task Bilinear_HalfPixel_ByHand()
    {
        // without align_corners the source of output i is (i + 0.5) / 2 - 0.5, clamped at 0:
        // 1-D [0, 1] → [0, 0.25, 0.75, 1]; in 2-D value = col + 2 * row
        var x = Of([1, 1, 2, 2], 0, 1, 2, 3);
        var y = Tensor.Create(DType.Float32, [1, 1, 4, 4]);
        Upsample.Bilinear(x, y, alignCorners: false, 2, 2);
        float[] a = [0f, 0.25f, 0.75f, 1f];
        var expected = new float[16];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
                expected[r * 4 + c] = a[c] + 2 * a[r];
        await Assert.That(y.F.SequenceEqual(expected)).IsTrue();
    }

    [Test]
    public async Task Binary_Broadcasts()
    {
        // (2, 3, 1) * (1, 4) → (2, 3, 4); value = a[i, j] * b[k]
        var a = Of([2, 3, 1], 1, 2, 3, 4, 5, 6);
        var b = Of([1, 4], 1, 10, 100, 1000);
        Tensor? y = null;
        Elementwise.Binary(BinaryOp.Mul, a, b, (dtype, shape) => y = Tensor.Create(dtype, shape));
        await Assert.That(y!.Shape.SequenceEqual([2, 3, 4])).IsTrue();
        await Assert.That(y.F[0]).IsEqualTo(1f);
        await Assert.That(y.F[7]).IsEqualTo(2000f);
        await Assert.That(y.F[23]).IsEqualTo(6000f);
    }

    [Test]
    public async Task Binary_Uint8OverInt64Scalar_IsFloat32Division()
    {
        // images.float() / tensor(255): every byte value gives exactly (float)v / 255f
        var images = Tensor.Create(DType.Float32, [256]);
        for (int v = 0; v < 256; v++)
            images.F[v] = v;
        var scalar = Tensor.Create(DType.Int64, []);
        scalar.L[0] = 255;
        Tensor? y = null;
        Elementwise.Binary(BinaryOp.Div, images, scalar, (dtype, shape) => y = Tensor.Create(dtype, shape));
        await Assert.That(y!.DType).IsEqualTo(DType.Float32);
        int wrong = Enumerable.Range(0, 256).Count(v => y.F[v] != (float)v / 255f);
        await Assert.That(wrong).IsEqualTo(0);
    }
}
