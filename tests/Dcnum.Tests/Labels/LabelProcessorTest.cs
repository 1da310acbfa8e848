using Dcnum.Labels;
using Dcnum.Segmentation;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Labels;

public class LabelProcessorTest
{
    public static IEnumerable<(bool ClearBorder, bool FillHoles, int ClosingDisk)> AllSettings()
    {
        foreach (bool cle in new[] { true, false })
        {
            foreach (bool f in new[] { true, false })
            {
                foreach (int clo in new[] { 0, 1, 2, 3, 5 })
                    yield return (cle, f, clo);
            }
        }
    }

    [Test]
    [MethodDataSource(nameof(AllSettings))]
    public async Task Process_RandomFrames_EqualsFullFrameReference(bool clearBorder, bool fillHoles, int closingDisk)
    {
        var settings = new MaskSettings { ClearBorder = clearBorder, FillHoles = fillHoles, ClosingDisk = closingDisk };
        var rng = new Random(1234 + closingDisk * 7 + (clearBorder ? 1 : 0) + (fillHoles ? 2 : 0));
        const int h = 37, w = 53;
        var scratch = new LabelScratch(h, w);
        var labels = new ushort[h * w];
        int failures = 0;
        string first = "";
        for (int trial = 0; trial < 300; trial++)
        {
            bool[] mask = RandomMask(rng, h, w, trial);
            ConnectedComponents.Label8(mask, labels, h, w, scratch);
            ushort[] expected = NaiveLabelReference.Process(NaiveLabelReference.Label8(mask, h, w), h, w, settings);
            int max = LabelProcessor.Process(labels, h, w, settings, scratch);
            bool same = labels.AsSpan().SequenceEqual(expected) && max == (expected.Length == 0 ? 0 : expected.Max());
            if (!same && failures++ == 0)
                first = $"trial {trial}";
        }
        await Assert.That(first).IsEqualTo("");
        await Assert.That(failures).IsEqualTo(0);
    }

    // Shapes where the image edge or a nested object decides what a hole is; each compared with the
    // full-frame reference for every setting.
    [Test]
    [Arguments("arch on the bottom row", new[] { ".......", ".......", "..###..", "..#.#.." })]
    [Arguments("low arch on the bottom row", new[] { ".......", ".......", ".......", "..###..", "..#.#.." })]
    [Arguments("ring with an island", new[] { "...........", ".#######...", ".#.....#...", ".#.###.#...", ".#.#.#.#...", ".#.###.#...", ".#.....#...", ".#######...", "..........." })]
    [Arguments("object at (1, 1)", new[] { ".......", ".####..", ".#..#..", ".####..", "......." })]
    [Arguments("band cutting the frame", new[] { ".......", "..#....", "#######", "...#...", "..#.#..", "......." })]
    [Arguments("corner triangle", new[] { ".......", "#......", ".#.....", "..#....", "...#..." })]
    [Arguments("diagonal ring", new[] { ".......", "...#...", "..#.#..", "...#...", "......." })]
    public async Task Process_EdgeAndNestingCases_EqualFullFrameReference(string name, string[] rows)
    {
        int h = rows.Length, w = rows[0].Length;
        bool[] mask = rows.SelectMany(r => r.Select(c => c == '#')).ToArray();
        var scratch = new LabelScratch(h, w);
        var labels = new ushort[h * w];
        var failing = new List<string>();
        foreach ((bool cle, bool f, int clo) in AllSettings())
        {
            var settings = new MaskSettings { ClearBorder = cle, FillHoles = f, ClosingDisk = clo };
            ConnectedComponents.Label8(mask, labels, h, w, scratch);
            LabelProcessor.Process(labels, h, w, settings, scratch);
            ushort[] expected = NaiveLabelReference.Process(NaiveLabelReference.Label8(mask, h, w), h, w, settings);
            if (!labels.AsSpan().SequenceEqual(expected))
                failing.Add(settings.PpidKwargs);
        }
        await Assert.That(string.Join(" ", failing)).IsEqualTo("").Because(name);
    }

    // dcnum tests/test_segm_thresh.py::test_segm_thresh_segment_batch_large: a disk of radius 30 in an
    // 80×200 frame, segmented with thresh=-6 and closing_disk=0, comes back unchanged.
    [Test]
    public async Task Process_Disk30WithoutClosing_KeepsTheDisk()
    {
        const int h = 80, w = 200;
        byte[] disk = DiskFootprint.Element(30);
        var mask = new bool[h * w];
        for (int y = 0; y < 61; y++)
        {
            for (int x = 0; x < 61; x++)
                mask[(10 + y) * w + 100 + x] = disk[y * 61 + x] != 0;
        }
        var imageCorr = mask.Select(m => (short)(m ? -10 : 0)).ToArray();
        var segmented = new bool[h * w];
        Dcnum.Segmentation.ThresholdSegmenter.Segment(imageCorr, 0.0, segmented, -6);
        var scratch = new LabelScratch(h, w);
        var labels = new ushort[h * w];
        ConnectedComponents.Label8(segmented, labels, h, w, scratch);
        int max = LabelProcessor.Process(labels, h, w, MaskSettings.Default with { ClosingDisk = 0 }, scratch);
        await Assert.That(max).IsEqualTo(1);
        await Assert.That(labels.Select(l => l != 0).SequenceEqual(mask)).IsTrue();
    }

    // dcnum tests/test_segm_torch.py::test_segm_torch_mpo_explicit: the model's raw mask
    // (*_mask_segm.png) after process_labels with the torch defaults (clear_border, fill_holes,
    // closing_disk=0) equals *_mask.png.
    [Test]
    [Arguments("cell_image_1")]
    [Arguments("cell_image_2")]
    [Arguments("cell_image_3")]
    [Arguments("cell_image_4")]
    [Arguments("cell_image_5")]
    [Arguments("cell_image_2_shift")]
    public async Task Process_ReferencePngs_GiveExpectedMask(string stem)
    {
        (byte[] raw, int h, int w) = PngImage.ReadChannel0(SharedData.Data(stem + "_mask_segm.png"));
        (byte[] expected, int eh, int ew) = PngImage.ReadChannel0(SharedData.Data(stem + "_mask.png"));
        await Assert.That((eh, ew)).IsEqualTo((h, w));
        var scratch = new LabelScratch(h, w);
        var labels = new ushort[h * w];
        ConnectedComponents.Label8(raw.Select(v => v != 0).ToArray(), labels, h, w, scratch);
        var settings = new MaskSettings { ClearBorder = true, FillHoles = true, ClosingDisk = 0 };
        LabelProcessor.Process(labels, h, w, settings, scratch);
        int differ = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if ((labels[i] != 0) != (expected[i] != 0))
                differ++;
        }
        await Assert.That(differ).IsEqualTo(0);
    }

    private static bool[] RandomMask(Random rng, int h, int w, int trial)
    {
        var mask = new bool[h * w];
        switch (trial % 4)
        {
            case 0:
                // noise of varying density
                double p = rng.NextDouble() * 0.7;
                for (int i = 0; i < mask.Length; i++)
                    mask[i] = rng.NextDouble() < p;
                break;
            default:
                // blobs (discs and rings, some on the border), a few stripes, light noise
                int blobs = rng.Next(1, 8);
                for (int b = 0; b < blobs; b++)
                {
                    int cy = rng.Next(-3, h + 3), cx = rng.Next(-3, w + 3);
                    int r = rng.Next(1, 10);
                    int hole = rng.Next(0, 3) == 0 ? rng.Next(0, r) : -1;
                    for (int y = 0; y < h; y++)
                    {
                        for (int x = 0; x < w; x++)
                        {
                            int d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                            if (d2 <= r * r && d2 > hole * Math.Abs(hole))
                                mask[y * w + x] = true;
                        }
                    }
                }
                if (trial % 4 == 3)
                {
                    // a horizontal or vertical band through the frame
                    int at = rng.Next(0, trial % 8 == 3 ? h : w);
                    for (int i = 0; i < (trial % 8 == 3 ? w : h); i++)
                        mask[trial % 8 == 3 ? at * w + i : i * w + at] = true;
                }
                for (int i = 0; i < mask.Length; i++)
                {
                    if (rng.NextDouble() < 0.02)
                        mask[i] = !mask[i];
                }
                break;
        }
        return mask;
    }
}
