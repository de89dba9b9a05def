namespace Arbiter.Bench;

/// <summary>
/// Lets the load generator's calls through while open. Closing it stops new calls and completes
/// once the calls under way have ended, so that something else can have the machine to itself.
/// </summary>
internal sealed class Gate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _opened = NewSignal();
    private TaskCompletionSource _quiet = NewSignal();
    private int _inside;

    public Gate() => _opened.SetResult();

    /// <summary>Waits until the gate is open, then counts the caller in.</summary>
    public async Task EnterAsync()
    {
        while (true)
        {
            Task opened;
            lock (_lock)
            {
                if (_opened.Task.IsCompleted)
                {
                    _inside++;
                    return;
                }

                opened = _opened.Task;
            }

            await opened;
        }
    }

    public void Leave()
    {
        lock (_lock)
        {
            if (--_inside == 0)
            {
                _quiet.TrySetResult();
            }
        }
    }

    /// <summary>Closes the gate; the task completes when no call is under way.</summary>
    public Task CloseAsync()
    {
        lock (_lock)
        {
            if (_opened.Task.IsCompleted)
            {
                _opened = NewSignal();
                _quiet = NewSignal();
            }

            if (_inside == 0)
            {
                _quiet.TrySetResult();
            }

            return _quiet.Task;
        }
    }

    public void Open()
    {
        lock (_lock)
        {
            _opened.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
