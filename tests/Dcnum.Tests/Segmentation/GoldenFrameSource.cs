using System.Text.Json;
using Dcnum.Read;
using Dcnum.Tests.Support;
using PureHDF;
using PureHDF.VOL.Native;

namespace Dcnum.Tests.Segmentation;

/// <summary>
/// Everything a golden run tells about segmentation, per input frame: the frame, its background and
/// bg_off (where they can be known soundly), and the golden events (masks) of that frame.
/// </summary>
internal sealed class GoldenFrameSource : IDisposable
{
    private readonly RtdcFile _input;
    private readonly RtdcFile _golden;
    private readonly NativeDataset _goldenMask;
    private readonly NativeDataset? _goldenImage;
    private readonly NativeDataset? _eventImageBg;
    private readonly NativeDataset? _inputImageBg;
    private readonly byte[] _basinImageBg = [];
    private readonly double[]? _eventBgOff;
    private readonly long[]? _eventBgIndex;
    private readonly int _basinBgCount;

    public GoldenFrameSource(string goldenName)
    {
        using (var json = JsonDocument.Parse(File.ReadAllText(SharedData.Golden(goldenName + ".json"))))
        {
            string[] parts = json.RootElement.GetProperty("ppid").GetString()!.Split('|');
            BackgroundPpid = parts[2];
            SegmenterPpid = parts[3];
        }
        string inputName = goldenName[..goldenName.IndexOf("__", StringComparison.Ordinal)] + ".rtdc";
        _input = RtdcFile.Open(SharedData.Data(inputName));
        _golden = RtdcFile.Open(SharedData.Golden(goldenName + "_dcn.rtdc"));

        NativeDataset image = _input.InnateDataset("image");
        ulong[] dims = image.Space.Dimensions;
        FrameCount = (int)dims[0];
        Height = (int)dims[1];
        Width = (int)dims[2];
        Images = new byte[FrameCount * FrameSize];
        RtdcFile.ReadRows<byte>(image, 0, FrameCount, Images);

        _goldenMask = _golden.InnateDataset("mask");
        EventCount = (int)_goldenMask.Space.Dimensions[0];
        var frameOfEvent = new uint[EventCount];
        RtdcFile.ReadRows<uint>(_golden.InnateDataset("basinmap0"), 0, EventCount, frameOfEvent);
        NEvents = new long[EventCount];
        RtdcFile.ReadRows<long>(_golden.InnateDataset("nevents"), 0, EventCount, NEvents);
        FirstEvent = new int[FrameCount];
        EventsOfFrame = new int[FrameCount];
        Array.Fill(FirstEvent, -1);
        for (int e = 0; e < EventCount; e++)
        {
            int f = (int)frameOfEvent[e];
            if (FirstEvent[f] < 0)
                FirstEvent[f] = e;
            else if (FirstEvent[f] + EventsOfFrame[f] != e)
                throw new InvalidDataException($"{goldenName}: events of frame {f} are not consecutive");
            EventsOfFrame[f]++;
        }

        if (_golden.HasInnateFeature("image"))
            _goldenImage = _golden.InnateDataset("image");
        if (_golden.HasInnateFeature("bg_off"))
        {
            _eventBgOff = new double[EventCount];
            RtdcFile.ReadRows<double>(_golden.InnateDataset("bg_off"), 0, EventCount, _eventBgOff);
        }
        if (_golden.HasInnateFeature("image_bg"))
            _eventImageBg = _golden.InnateDataset("image_bg");
        if (_golden.Native.LinkExists("basin_events"))
        {
            var basin = (NativeDataset)_golden.Native.Group("basin_events").Dataset("image_bg");
            _basinBgCount = (int)basin.Space.Dimensions[0];
            _basinImageBg = new byte[_basinBgCount * FrameSize];
            RtdcFile.ReadRows<byte>(basin, 0, _basinBgCount, _basinImageBg);
            _eventBgIndex = new long[EventCount];
            RtdcFile.ReadRows<long>(_golden.InnateDataset("basinmap1"), 0, EventCount, _eventBgIndex);
        }
        if (BackgroundPpid.StartsWith("copy:", StringComparison.Ordinal))
            _inputImageBg = _input.InnateDataset("image_bg");
    }

    public string BackgroundPpid { get; }

    public string SegmenterPpid { get; }

    public int FrameCount { get; }

    public int Height { get; }

    public int Width { get; }

    public int FrameSize => Height * Width;

    public int EventCount { get; }

    public byte[] Images { get; }

    /// <summary>Index of the first golden event of each frame, or -1.</summary>
    public int[] FirstEvent { get; }

    public int[] EventsOfFrame { get; }

    public long[] NEvents { get; }

    public bool HasGoldenImage => _goldenImage is not null;

    public ReadOnlySpan<byte> Image(int frame) => Images.AsSpan(frame * FrameSize, FrameSize);

    public void ReadGoldenMasks(int firstEvent, int count, Span<byte> destination)
        => RtdcFile.ReadRows(_goldenMask, firstEvent, count, destination);

    public void ReadGoldenImage(int evt, Span<byte> destination) => RtdcFile.ReadRows(_goldenImage!, evt, 1, destination);

    /// <summary>The golden bg_off of an event frame (NaN if the golden has none).</summary>
    public double GoldenBgOff(int frame) => _eventBgOff is null ? double.NaN : _eventBgOff[FirstEvent[frame]];

    /// <summary>
    /// The background of <paramref name="frame"/> if it can be known: copy -> the input's image_bg;
    /// rollmed -> events/image_bg (event frames only); sparsemed -> basin_events/image_bg at the
    /// frame's background index, which is basinmap1 for event frames and, for other frames, the
    /// index shared by the nearest event frames before and after (dcnum assigns indices
    /// monotonically in time: <c>bg_idx[idx0:idx1] = ii</c>).
    /// </summary>
    public bool TryBackground(int frame, Span<byte> imageBg)
    {
        if (_inputImageBg is not null)
        {
            RtdcFile.ReadRows(_inputImageBg, frame, 1, imageBg);
            return true;
        }
        if (_eventImageBg is not null)
        {
            if (FirstEvent[frame] < 0)
                return false;
            RtdcFile.ReadRows(_eventImageBg, FirstEvent[frame], 1, imageBg);
            return true;
        }
        if (_eventBgIndex is null)
            return false;
        long index;
        if (FirstEvent[frame] >= 0)
        {
            index = _eventBgIndex[FirstEvent[frame]];
        }
        else
        {
            long before = 0;
            long after = _basinBgCount - 1;
            for (int f = frame - 1; f >= 0; f--)
            {
                if (FirstEvent[f] >= 0)
                {
                    before = _eventBgIndex[FirstEvent[f]];
                    break;
                }
            }
            for (int f = frame + 1; f < FrameCount; f++)
            {
                if (FirstEvent[f] >= 0)
                {
                    after = _eventBgIndex[FirstEvent[f]];
                    break;
                }
            }
            if (before != after)
                return false;
            index = before;
        }
        _basinImageBg.AsSpan((int)index * FrameSize, FrameSize).CopyTo(imageBg);
        return true;
    }

    /// <summary>True if the run computed bg_off (sparsemed with o=1).</summary>
    public bool UsesBgOff => BackgroundPpid.StartsWith("sparsemed:", StringComparison.Ordinal) && BackgroundPpid.EndsWith("^o=1", StringComparison.Ordinal);

    public void Dispose()
    {
        _input.Dispose();
        _golden.Dispose();
    }
}
