namespace Dcnum.Write;

/// <summary>
/// Events arrive from the workers in any order, a run of frames at a time; the writer takes them
/// strictly in frame order. <see cref="PendingBytes"/> is the backlog the workers' back-pressure watches.
/// </summary>
internal sealed class EventCollector(Action<long>? backlogChanged = null)
{
    private readonly Dictionary<long, FrameEvents> _byFirstFrame = [];
    private readonly object _lock = new();

    /// <summary>The largest backlog seen (bytes), for the back-pressure test and the run log.</summary>
    public long PeakPendingBytes { get; private set; }

    /// <summary>Bytes of the events that wait for the writer (the workers' back-pressure unit).</summary>
    public long PendingBytes
    {
        get
        {
            lock (_lock)
                return _pendingBytes;
        }
    }

    private long _pendingBytes;

    /// <summary>Frames whose events have arrived so far (written or not).</summary>
    public long FramesAdded
    {
        get
        {
            lock (_lock)
                return _framesAdded;
        }
    }

    private long _framesAdded;

    public void Add(FrameEvents events)
    {
        lock (_lock)
        {
            _framesAdded += events.FrameCount;
            _byFirstFrame.Add(events.FirstFrame, events);
            _pendingBytes += events.Bytes;
            PeakPendingBytes = Math.Max(PeakPendingBytes, _pendingBytes);
            // Reported at once, not when the writer next looks: a slow write must not hide the backlog.
            backlogChanged?.Invoke(_pendingBytes);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>The events starting at <paramref name="firstFrame"/>, waiting up to <paramref name="wait"/>; null if not there yet.</summary>
    public FrameEvents? TakeNext(long firstFrame, TimeSpan wait)
    {
        lock (_lock)
        {
            if (!_byFirstFrame.Remove(firstFrame, out FrameEvents? events))
            {
                Monitor.Wait(_lock, wait);
                _byFirstFrame.Remove(firstFrame, out events);
            }
            if (events is not null)
            {
                _pendingBytes -= events.Bytes;
                backlogChanged?.Invoke(_pendingBytes);
            }
            return events;
        }
    }
}
