using System.Globalization;
using Dcnum.Common;
using Dcnum.Demo;
using Dcnum.Read;
using Dcnum.Write;

namespace Dcnum.Cli;

/// <summary>
/// <c>dcnum demo [DIR] [--frames N] [--seed S] [--force]</c>: synthesises a small realistic measurement
/// (no file needed) and writes it as <c>DIR/demo.rtdc</c>.
/// </summary>
internal static class DemoCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        _ = stderr;
        string dir = "dcnum-demo";
        int frames = SyntheticMeasurement.DefaultFrames, seed = 42;
        bool force = false, dirSet = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--frames":
                    frames = PositiveInt(args, ref i);
                    break;
                case "--seed":
                    seed = PositiveInt(args, ref i);
                    break;
                case "--force":
                    force = true;
                    break;
                case "--debug":
                    break;
                default:
                    if (args[i].StartsWith('-') || dirSet)
                        throw new UsageException($"demo: unexpected argument '{args[i]}' (usage: dcnum demo [DIR] [--frames N] [--seed S] [--force])");
                    dir = args[i];
                    dirSet = true;
                    break;
            }
        }
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw DcnumException.ForFile(dir, $"cannot create the folder ({ex.Message.TrimEnd('.')})", ex);
        }
        string path = Path.Combine(dir, "demo.rtdc");
        // Re-running the demo replaces its own earlier file, never someone else's.
        force |= IsEarlierDemo(path);
        var measurement = new SyntheticMeasurement(frames, seed: seed);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Write(measurement, path, force);
        watch.Stop();

        using var file = RtdcFile.Open(path);
        var ci = CultureInfo.InvariantCulture;
        stdout.WriteLine($"Synthesised a measurement of {file.EventCount} frames ({measurement.Width} × {measurement.Height} px, "
            + $"{measurement.CellCount} cells crossing the channel) in {watch.Elapsed.TotalSeconds.ToString("0.00", ci)} s:");
        stdout.WriteLine($"  {Path.GetFullPath(path)}");
        stdout.WriteLine($"  pixel size {file.PixelSize.ToString(ci)} µm, frame rate {file.AttributeNumber("imaging:frame rate")?.ToString(ci)} Hz, "
            + $"identifier {file.MeasurementIdentifier}");
        // The main job, end to end: process the synthetic measurement like any acquisition file.
        string output = Path.Combine(dir, "demo_dcn.rtdc");
        stdout.WriteLine();
        int rc = ProcessCommand.Run([path, output, "--drain-basins", "--force", "--progress", "none"], stdout, stderr);
        if (rc == CommandLine.ExitOk)
            stdout.WriteLine($"Look inside with: dcnum info {output}");
        return rc;
    }

    /// <summary>Writes the synthetic measurement chunk by chunk, as an acquisition system lays it out.</summary>
    public static void Write(SyntheticMeasurement m, string path, bool overwrite)
    {
        using var writer = new RtdcWriter(path, new WriterOptions(Overwrite: overwrite));
        const int chunk = 100;
        var frames = new byte[chunk * m.Height * m.Width];
        var index = new long[chunk];
        var time = new double[chunk];
        for (int start = 0; start < m.Frames; start += chunk)
        {
            int n = Math.Min(chunk, m.Frames - start);
            for (int k = 0; k < n; k++)
            {
                m.RenderFrame(start + k, frames.AsSpan(k * m.Height * m.Width, m.Height * m.Width));
                index[k] = start + k + 1; // RT-DC frame numbers count from 1
                time[k] = m.Time(start + k);
            }
            writer.AppendImages("image", frames.AsSpan(0, n * m.Height * m.Width), n, m.Height, m.Width);
            writer.AppendScalar<long>("frame", index.AsSpan(0, n));
            writer.AppendScalar<double>("time", time.AsSpan(0, n));
        }
        foreach (var (key, value) in m.Attributes())
            writer.SetAttribute(key, value);
        writer.SetLog("dcnum-native-demo", [
            $"Synthetic measurement made by {Meta.SoftwareVersion.Named}",
            $"frames={m.Frames} height={m.Height} width={m.Width} seed={m.Seed} cells={m.CellCount}",
        ]);
        writer.Commit();
    }

    private static bool IsEarlierDemo(string path)
    {
        if (!File.Exists(path))
            return false;
        try
        {
            using var file = RtdcFile.Open(path);
            return file.GroupMembers("logs").Contains("dcnum-native-demo");
        }
        catch (DcnumException)
        {
            return false;
        }
    }

    private static int PositiveInt(string[] args, ref int i)
    {
        string option = args[i];
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v < 1)
            throw new UsageException($"demo: {option} needs a positive whole number");
        i++;
        return v;
    }
}
