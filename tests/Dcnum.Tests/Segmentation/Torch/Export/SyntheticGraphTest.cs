using System.IO.Compression;
using System.Text;
using Dcnum.Common;
using Dcnum.Segmentation.Torch.Export;

namespace Dcnum.Tests.Segmentation.Torch.Export;

/// <summary>
/// A hand-written torch.export program with the ops of the TunableUNet variants that dcnum's
/// test models do not use (LeakyReLU, bilinear ×2 with align_corners, max_pool2d_with_indices,
/// sigmoid gate, mul, add with alpha), a parameter from data/weights and a broadcast (stride 0)
/// constant, run by the interpreter and checked against the same arithmetic in float64.
/// </summary>
public class SyntheticGraphTest
{
    private const int C = 2, H = 4, W = 6;

    private static string Meta(int dtype, params int[] sizes)
    {
        var strides = new int[sizes.Length];
        for (int i = sizes.Length - 1, s = 1; i >= 0; s *= sizes[i], i--)
            strides[i] = s;
        return Meta(dtype, sizes, strides);
    }

    private static string Ints(int[] values) => string.Join(", ", values.Select(v => "{\"as_int\": " + v + "}"));

    private static string Meta(int dtype, int[] sizes, int[] strides) =>
        $$"""{"dtype": {{dtype}}, "sizes": [{{Ints(sizes)}}], "strides": [{{Ints(strides)}}], "storage_offset": {"as_int": 0}, "layout": 7}""";

    private static string T(string name) => $$"""{"as_tensor": {"name": "{{name}}"} }""";

    private static string Node(string target, string inputs, params string[] outputs) =>
        $$"""{"target": "{{target}}", "inputs": [{{inputs}}], "outputs": [{{string.Join(", ", outputs.Select(T))}}]}""";

    private static string In(string name, string arg) => $$"""{"name": "{{name}}", "arg": {{arg}}, "kind": 1}""";

    private static byte[] Pt2(string modelJson)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] data)
            {
                using var s = archive.CreateEntry("archive/" + name).Open();
                s.Write(data);
            }
            Add("models/model.json", Encoding.UTF8.GetBytes(modelJson));
            Add("data/weights/model_weights_config.json", Encoding.UTF8.GetBytes(
                $$"""{"config": {"gate.weight": {"path_name": "weight_0", "is_param": true, "use_pickle": false, "tensor_meta": {{Meta(7, 1, C, 1, 1)}} } } }"""));
            Add("data/weights/weight_0", [.. BitConverter.GetBytes(0.5f), .. BitConverter.GetBytes(-1.5f)]);
            // a per-channel offset stored as 2 floats and expanded to [1, C, H, W] with stride 0
            Add("data/constants/model_constants_config.json", Encoding.UTF8.GetBytes(
                $$"""{"config": {"offset": {"path_name": "tensor_0", "is_param": false, "use_pickle": false, "tensor_meta": {{Meta(7, [1, C, H, W], [C, 1, 0, 0])}} } } }"""));
            Add("data/constants/tensor_0", [.. BitConverter.GetBytes(0.25f), .. BitConverter.GetBytes(-2f)]);
            Add("byteorder", "little"u8.ToArray());
        }
        return zip.ToArray();
    }

    private static string ModelJson() => $$"""
        {"graph_module": {"graph": {
          "inputs": [{{T("p_gate_weight")}}, {{T("c_offset")}}, {{T("x")}}],
          "outputs": [{{T("out")}}],
          "nodes": [
            {{Node("torch.ops.aten.leaky_relu.default", In("self", T("x")) + "," + In("negative_slope", """{"as_float": 0.1}"""), "a")}},
            {{Node("torch.ops.aten.upsample_bilinear2d.vec", In("input", T("a")) + "," + In("output_size", """{"as_none": true}""") + "," + In("align_corners", """{"as_bool": true}""") + "," + In("scale_factors", """{"as_floats": [2.0, 2.0]}"""), "u")}},
            {{Node("torch.ops.aten.max_pool2d_with_indices.default", In("self", T("u")) + "," + In("kernel_size", """{"as_ints": [2, 2]}""") + "," + In("stride", """{"as_ints": [2, 2]}"""), "p", "p_indices")}},
            {{Node("torch.ops.aten.mul.Tensor", In("self", T("p")) + "," + In("other", T("p_gate_weight")), "g")}},
            {{Node("torch.ops.aten.sigmoid.default", In("self", T("g")), "s")}},
            {{Node("torch.ops.aten.mul.Tensor", In("self", T("x")) + "," + In("other", T("s")), "m")}},
            {{Node("torch.ops.aten.add.Tensor", In("self", T("m")) + "," + In("other", T("x")) + "," + In("alpha", """{"as_int": 2}"""), "y")}},
            {{Node("torch.ops.aten.add.Tensor", In("self", T("y")) + "," + In("other", T("c_offset")), "out")}}
          ],
          "tensor_values": {"x": {{Meta(7, 1, C, H, W)}}}
        },
        "signature": {
          "input_specs": [
            {"parameter": {"arg": {"name": "p_gate_weight"}, "parameter_name": "gate.weight"} },
            {"tensor_constant": {"arg": {"name": "c_offset"}, "tensor_constant_name": "offset"} },
            {"user_input": {"arg": {{T("x")}} } }
          ],
          "output_specs": [{"user_output": {"arg": {{T("out")}} } }]
        } },
        "schema_version": {"major": 8, "minor": 20}, "torch_version": "synthetic"}
        """;

    /// <summary>The graph above in float64, written out directly.</summary>
    private static double[] Expected(float[] x)
    {
        double[] gate = [0.5, -1.5], offset = [0.25, -2];
        var result = new double[C * H * W];
        int uh = 2 * H, uw = 2 * W;
        double A(int c, int y, int xx) { double v = x[(c * H + y) * W + xx]; return v > 0 ? v : 0.1 * v; }
        double U(int c, int y, int xx)
        {
            // align_corners: source = dst * (in - 1) / (out - 1)
            double sy = y * (H - 1.0) / (uh - 1), sx = xx * (W - 1.0) / (uw - 1);
            int y0 = (int)sy, x0 = (int)sx, y1 = Math.Min(y0 + 1, H - 1), x1 = Math.Min(x0 + 1, W - 1);
            double ly = sy - y0, lx = sx - x0;
            return (1 - ly) * ((1 - lx) * A(c, y0, x0) + lx * A(c, y0, x1)) + ly * ((1 - lx) * A(c, y1, x0) + lx * A(c, y1, x1));
        }
        for (int c = 0; c < C; c++)
            for (int y = 0; y < H; y++)
                for (int xx = 0; xx < W; xx++)
                {
                    double p = Math.Max(Math.Max(U(c, 2 * y, 2 * xx), U(c, 2 * y, 2 * xx + 1)), Math.Max(U(c, 2 * y + 1, 2 * xx), U(c, 2 * y + 1, 2 * xx + 1)));
                    double s = 1 / (1 + Math.Exp(-p * gate[c]));
                    double v = x[(c * H + y) * W + xx];
                    result[(c * H + y) * W + xx] = v * s + 2 * v + offset[c];
                }
        return result;
    }

    [Test]
    public async Task Run_VariantOps_EqualFloat64()
    {
        var program = ExportedProgram.Load(Pt2(ModelJson()), "synthetic.pt2");
        await Assert.That(program.Constants.Select(c => c.Kind).SequenceEqual(["parameter", "tensor_constant"])).IsTrue();
        var input = Tensor.Create(DType.Float32, [1, C, H, W]);
        var rnd = new Random(7);
        for (int i = 0; i < input.Length; i++)
            input.F[i] = (float)(rnd.NextDouble() * 6 - 3);
        var output = new GraphInterpreter(program).Run(input);
        var expected = Expected(input.F);
        await Assert.That(output.Shape.SequenceEqual([1, C, H, W])).IsTrue();
        double worst = Enumerable.Range(0, expected.Length).Max(i => Math.Abs(output.F[i] - expected[i]));
        await Assert.That(worst).IsLessThan(1e-5);
    }

    [Test]
    public async Task Run_ShapeMismatch_NamesOpAndFile()
    {
        // a 3-channel input cannot be multiplied by the 2-channel gate: one line naming the op
        var program = ExportedProgram.Load(Pt2(ModelJson()), "synthetic.pt2");
        var input = Tensor.Create(DType.Float32, [1, 3, H, W]);
        var ex = Assert.Throws<DcnumException>(() => new GraphInterpreter(program).Run(input));
        await Assert.That(ex.Message).StartsWith("synthetic.pt2: torch.ops.aten.mul.Tensor: shapes [1, 3, 4, 6] and [1, 2, 1, 1] do not broadcast");
    }
}
