namespace Dcnum.Job;

/// <summary>
/// Events arrive from the workers in any order, a run of frames at a time; the writer takes them
/// strictly in frame order. <see cref="PendingFrames"/> is the backlog the workers' back-pressure watches.
/// </summary>
internal sealed class EventCollector(Action<long>? backlogChanged = null)
{
    private readonly Dictionary<long, FrameEvents> _byFirstFrame = [];
    private readonly object _lock = new();

    /// <summary>The largest backlog seen (frames), for the back-pressure test and the run log.</summary>
    public long PeakPendingFrames { get; private set; }

    /// <summary>Frames whose events wait for the writer (the workers' back-pressure unit).</summary>
    public long PendingFrames
    {
        get
        {
            lock (_lock)
                return _pendingFrames;
        }
    }

    private long _pendingFrames;

    public void Add(FrameEvents events)
    {
        lock (_lock)
        {
            _byFirstFrame.Add(events.FirstFrame, events);
            _pendingFrames += events.FrameCount;
            PeakPendingFrames = Math.Max(PeakPendingFrames, _pendingFrames);
            // Reported at once, not when the writer next looks: a slow write must not hide the backlog.
            backlogChanged?.Invoke(_pendingFrames);
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
                _pendingFrames -= events.FrameCount;
                backlogChanged?.Invoke(_pendingFrames);
            }
            return events;
        }
    }
}
