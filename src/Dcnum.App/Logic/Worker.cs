namespace Dcnum.Logic;

/// <summary>
/// A worker thread: runs the five tasks in order until the register says quit; idles on pause;
/// sleeps briefly when nothing was done; stalls while the events waiting for the writer hold more
/// than <see cref="StallAbove"/> bytes until they drop below <see cref="ResumeBelow"/>; an
/// exception in a task is recorded and the loop goes on (the runner decides). dcnum counts queue
/// items (stall above 1000, resume below 200); we count bytes, because memory is what the
/// back-pressure must bound, and a frame's events can be many or large.
/// dcnum counterpart: <c>logic.universal_worker.UniversalWorker</c>.
/// </summary>
public sealed class Worker
{
    public const long StallAbove = 32L << 20, ResumeBelow = 8L << 20;

    private readonly SlotRegister _register;
    private readonly int _index;
    private readonly Action<Exception> _onError;
    private readonly Thread _thread;

    public Worker(SlotRegister register, int index, Action<Exception> onError)
    {
        _register = register;
        _index = index;
        _onError = onError;
        _thread = new Thread(Loop) { IsBackground = true, Name = $"dcnum worker {index}" };
    }

    public void Start() => _thread.Start();

    public void Join() => _thread.Join();

    private void Loop()
    {
        while (_register.State != RegisterState.Quit)
        {
            if (_register.State == RegisterState.Pause)
            {
                Thread.Sleep(5);
                continue;
            }
            if (_register.WriteQueueSize > StallAbove)
            {
                while (_register.WriteQueueSize > ResumeBelow && _register.State == RegisterState.Work)
                    Thread.Sleep(5);
                continue;
            }
            bool did = false;
            did |= Try(_register.TaskLoadAll);
            did |= Try(() => _register.TaskSegmentImages(_index));
            did |= Try(() => _register.TaskLabelMasks(_index));
            did |= Try(() => _register.TaskProcessLabels(_index));
            did |= Try(() => _register.TaskExtractFeatures(_index));
            if (!did)
                Thread.Sleep(1);
        }
    }

    private bool Try(Func<bool> task)
    {
        try
        {
            return task();
        }
        catch (Exception ex)
        {
            _onError(ex);
            return false;
        }
    }
}
