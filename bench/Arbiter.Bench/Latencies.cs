namespace Arbiter.Bench;

/// <summary>Latencies collected from many clients at once.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan latency)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            _milliseconds.Sort();
            return _milliseconds[Math.Min(_milliseconds.Count - 1, (int)(p * _milliseconds.Count))];
        }
    }
}
