using System.IO.Hashing;
using Dcnum.Read.Hdf5;
using Microsoft.Win32.SafeHandles;

namespace Dcnum.Write;

/// <summary>Where a chunk's bytes are in the store, and their XxHash3 (checked when they are read back).</summary>
internal readonly record struct StoredChunk(long Offset, int Length, ulong Hash);

/// <summary>
/// Where finished chunks wait for the file to be assembled: one temporary file beside the output
/// (deleted on close), each chunk stored once, already zstd-compressed when the output is.
/// Compression runs on the thread pool while events keep streaming in, at most
/// <c>parallelism</c> chunks at once (the job's CPU count), whichever chunk is next; at most
/// <see cref="Window"/> chunks are in flight, and they are stored in the order they were
/// submitted, so the temporary file and the output never depend on thread timing.
/// </summary>
internal sealed class ChunkStore : IDisposable
{
    /// <summary>Chunks in flight at once: enough to keep the compressors busy, few enough to bound memory (≈ 2 MB each).</summary>
    public readonly int Window;

    // Not fixed lanes: image and mask chunks complete in turn, so round-robin lanes put every
    // image chunk (the slow ones) on the same lane.
    private readonly SemaphoreSlim _compressors;

    private readonly SafeFileHandle _file;
    private readonly int _level;
    private readonly Queue<Pending> _inFlight = new();
    private readonly Dictionary<int, Stack<byte[]>> _free = [];
    private long _end;

    private sealed record Pending(DatasetSpool Spool, int Index, byte[] Raw, int Length, Task<(byte[] Buffer, int Length)> Compressed);

    public ChunkStore(string path, int zstdLevel, int parallelism)
    {
        _level = zstdLevel;
        int n = Math.Max(1, parallelism);
        _compressors = new SemaphoreSlim(n, n);
        Window = 2 * n + 2;
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    /// <summary>
    /// A chunk buffer of <paramref name="length"/> bytes with undefined contents (a recycled one):
    /// the spool fills every row it submits and zeroes the padding of its last chunk itself.
    /// </summary>
    public byte[] Rent(int length)
    {
        lock (_free)
        {
            if (_free.TryGetValue(length, out var stack) && stack.Count > 0)
                return stack.Pop();
        }
        return GC.AllocateUninitializedArray<byte>(length);
    }

    private void Return(byte[] buffer)
    {
        lock (_free)
        {
            if (!_free.TryGetValue(buffer.Length, out var stack))
                _free[buffer.Length] = stack = new Stack<byte[]>();
            if (stack.Count < Window + 2)
                stack.Push(buffer);
        }
    }

    /// <summary>
    /// Hands over chunk <paramref name="index"/> of <paramref name="spool"/>: the first
    /// <paramref name="length"/> bytes of <paramref name="raw"/> (the buffer now belongs to the store).
    /// </summary>
    public void Submit(DatasetSpool spool, int index, byte[] raw, int length)
    {
        if (_level == 0)
        {
            spool.Stored(index, Append(raw.AsSpan(0, length)));
            Return(raw);
            return;
        }
        int level = _level;
        (byte[], int) Compress()
        {
            byte[] output = Rent(Zstd.CompressBound(length));
            return (output, Zstd.Compress(raw.AsSpan(0, length), output, level));
        }
        Task<(byte[] Buffer, int Length)> job = Task.Run(async () =>
        {
            await _compressors.WaitAsync().ConfigureAwait(false);
            try
            {
                return Compress();
            }
            finally
            {
                _compressors.Release();
            }
        });
        _inFlight.Enqueue(new Pending(spool, index, raw, length, job));
        while (_inFlight.Count > Window)
            StoreOldest();
    }

    /// <summary>Waits for every chunk in flight and stores it.</summary>
    public void Drain()
    {
        while (_inFlight.Count > 0)
            StoreOldest();
    }

    private void StoreOldest()
    {
        Pending p = _inFlight.Dequeue();
        var (buffer, length) = p.Compressed.GetAwaiter().GetResult();
        p.Spool.Stored(p.Index, Append(buffer.AsSpan(0, length)));
        Return(buffer);
        Return(p.Raw);
    }

    private StoredChunk Append(ReadOnlySpan<byte> bytes)
    {
        long at = _end;
        RandomAccess.Write(_file, bytes, at);
        _end += bytes.Length;
        return new StoredChunk(at, bytes.Length, XxHash3.HashToUInt64(bytes));
    }

    /// <summary>
    /// Reads a stored chunk back (at assembly) and checks it is the chunk that was stored: a spool
    /// changed or damaged in between (another process, a failing disk) must fail the run, not end
    /// up in the output.
    /// </summary>
    public void Read(StoredChunk chunk, Span<byte> destination)
    {
        destination = destination[..chunk.Length];
        long offset = chunk.Offset;
        for (Span<byte> rest = destination; rest.Length > 0;)
        {
            int n = RandomAccess.Read(_file, rest, offset);
            if (n <= 0)
                throw new IOException("the temporary chunk store ended early (was it truncated?)");
            rest = rest[n..];
            offset += n;
        }
        if (XxHash3.HashToUInt64(destination) != chunk.Hash)
            throw new IOException($"the temporary chunk store changed between writing and reading it (chunk at byte {chunk.Offset})");
    }

    public void Dispose()
    {
        // Chunks still compressing belong to a run that failed: let them finish, keep nothing.
        foreach (Pending p in _inFlight)
            p.Compressed.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
        _inFlight.Clear();
        _file.Dispose();
        _compressors.Dispose();
    }
}
