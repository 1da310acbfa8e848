using System.Buffers.Binary;
using System.Text;

namespace Dcnum.Segmentation.Torch.TorchScript;

/// <summary>A pickled <c>GLOBAL</c> (module and name), e.g. <c>torch._utils _rebuild_tensor_v2</c>.</summary>
internal sealed record PyGlobal(string Module, string Name)
{
    public override string ToString() => Module + "." + Name;
}

/// <summary>An object built by NEWOBJ + BUILD: a TorchScript module with its attribute dictionary.</summary>
internal sealed class PyObject(PyGlobal type)
{
    public PyGlobal Type { get; } = type;
    public Dictionary<string, object?> State { get; } = [];
}

/// <summary>A tensor storage named by the persistent id <c>('storage', torch.XStorage, key, 'cpu', numel)</c>.</summary>
internal sealed record StorageRef(string DType, string Key, long Count);

/// <summary>A tensor rebuilt by <c>torch._utils._rebuild_tensor_v2</c>: a view into a storage.</summary>
internal sealed record TensorRef(StorageRef Storage, long Offset, long[] Shape, long[] Stride);

/// <summary>
/// The pickle virtual machine for TorchScript's <c>data.pkl</c> (protocol 2 as torch's C++ pickler
/// writes it). Only the opcodes and globals that pickler emits are understood; anything else is an
/// error naming it, so an unexpected archive never turns into a silently wrong network.
/// </summary>
internal static class PickleReader
{
    private static readonly object s_mark = new();

    public static object? Load(ReadOnlySpan<byte> data)
    {
        var stack = new List<object?>();
        var marks = new Stack<int>();
        var memo = new Dictionary<long, object?>();
        int p = 0;
        while (true)
        {
            if (p >= data.Length)
                throw new InvalidDataException("data.pkl ends before its STOP opcode");
            byte op = data[p++];
            switch (op)
            {
                case 0x80: p++; break; // PROTO n
                case (byte)'.': // STOP
                    return Pop(stack);
                case (byte)'c': // GLOBAL "module\nname\n"
                    {
                        string module = Line(data, ref p);
                        string name = Line(data, ref p);
                        stack.Add(new PyGlobal(module, name));
                        break;
                    }
                case (byte)'q': memo[data[p++]] = Top(stack); break; // BINPUT
                case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref p, 4))] = Top(stack); break; // LONG_BINPUT
                case 0x94: memo[memo.Count] = Top(stack); break; // MEMOIZE
                case (byte)'h': stack.Add(Memo(memo, data[p++])); break; // BINGET
                case (byte)'j': stack.Add(Memo(memo, BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref p, 4)))); break; // LONG_BINGET
                case (byte)')': stack.Add(Array.Empty<object?>()); break; // EMPTY_TUPLE
                case (byte)']': stack.Add(new List<object?>()); break; // EMPTY_LIST
                case (byte)'}': stack.Add(new Dictionary<object, object?>()); break; // EMPTY_DICT
                case (byte)'(': marks.Push(stack.Count); stack.Add(s_mark); break; // MARK
                case (byte)'t': stack.Add(PopMark(stack, marks).ToArray()); break; // TUPLE
                case 0x85: stack.Add(new[] { Pop(stack) }); break; // TUPLE1
                case 0x86: { object? b = Pop(stack), a = Pop(stack); stack.Add(new[] { a, b }); break; } // TUPLE2
                case 0x87: { object? c = Pop(stack), b = Pop(stack), a = Pop(stack); stack.Add(new[] { a, b, c }); break; } // TUPLE3
                case (byte)'N': stack.Add(null); break;
                case 0x88: stack.Add(true); break; // NEWTRUE
                case 0x89: stack.Add(false); break; // NEWFALSE
                case (byte)'K': stack.Add((long)data[p++]); break; // BININT1
                case (byte)'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(data, ref p, 2))); break; // BININT2
                case (byte)'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(data, ref p, 4))); break; // BININT
                case 0x8a: // LONG1: n bytes of little-endian two's complement
                    {
                        int n = data[p++];
                        ReadOnlySpan<byte> bytes = Take(data, ref p, n);
                        if (n > 8)
                            throw new InvalidDataException($"data.pkl: a {n}-byte integer is too large");
                        long v = 0;
                        for (int k = n - 1; k >= 0; k--)
                            v = (v << 8) | bytes[k];
                        if (n is > 0 and < 8 && (bytes[n - 1] & 0x80) != 0)
                            v -= 1L << (8 * n);
                        stack.Add(v);
                        break;
                    }
                case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref p, 8))); break; // BINFLOAT
                case (byte)'X': // BINUNICODE
                    {
                        int n = (int)BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref p, 4));
                        stack.Add(Encoding.UTF8.GetString(Take(data, ref p, n)));
                        break;
                    }
                case 0x8c: { int n = data[p++]; stack.Add(Encoding.UTF8.GetString(Take(data, ref p, n))); break; } // SHORT_BINUNICODE
                case (byte)'a': { object? v = Pop(stack); AsList(Top(stack)).Add(v); break; } // APPEND
                case (byte)'e': { var items = PopMark(stack, marks); AsList(Top(stack)).AddRange(items); break; } // APPENDS
                case (byte)'s': { object? v = Pop(stack), k = Pop(stack); AsDict(Top(stack))[Key(k)] = v; break; } // SETITEM
                case (byte)'u': // SETITEMS
                    {
                        var items = PopMark(stack, marks);
                        var dict = AsDict(Top(stack));
                        for (int k = 0; k + 1 < items.Count; k += 2)
                            dict[Key(items[k])] = items[k + 1];
                        break;
                    }
                case 0x81: // NEWOBJ cls args
                    {
                        Pop(stack);
                        object? cls = Pop(stack);
                        stack.Add(new PyObject(cls as PyGlobal ?? throw new InvalidDataException("data.pkl: NEWOBJ of a non-class")));
                        break;
                    }
                case (byte)'b': // BUILD
                    {
                        object? state = Pop(stack);
                        if (Top(stack) is not PyObject obj || state is not Dictionary<object, object?> dict)
                            throw new InvalidDataException("data.pkl: BUILD of something that is not a module");
                        foreach (var (k, v) in dict)
                            obj.State[(string)k] = v;
                        break;
                    }
                case (byte)'Q': stack.Add(PersistentStorage(Pop(stack))); break; // BINPERSID
                case (byte)'R': // REDUCE
                    {
                        object? args = Pop(stack);
                        object? callable = Pop(stack);
                        stack.Add(Reduce(callable as PyGlobal ?? throw new InvalidDataException("data.pkl: REDUCE of a non-global"),
                            args as object?[] ?? throw new InvalidDataException("data.pkl: REDUCE without an argument tuple")));
                        break;
                    }
                default:
                    throw new InvalidDataException($"data.pkl: unsupported pickle opcode 0x{op:x2} at byte {p - 1}");
            }
        }
    }

    private static object? Reduce(PyGlobal callable, object?[] args)
    {
        switch (callable.ToString())
        {
            case "collections.OrderedDict":
                return new Dictionary<object, object?>();
            case "torch.jit._pickle.build_intlist":
                return AsList(args[0]).Select(v => (long)v!).ToArray();
            case "torch._utils._rebuild_tensor_v2":
                if (args.Length < 4 || args[0] is not StorageRef storage)
                    throw new InvalidDataException("data.pkl: _rebuild_tensor_v2 with unexpected arguments");
                return new TensorRef(storage, (long)args[1]!, Longs(args[2]), Longs(args[3]));
            default:
                throw new InvalidDataException($"data.pkl: unsupported call '{callable}'");
        }
    }

    private static StorageRef PersistentStorage(object? pid)
    {
        // ('storage', torch.FloatStorage, key, 'cpu', numel)
        if (pid is not object?[] { Length: 5 } t || t[0] is not "storage" || t[1] is not PyGlobal type || t[2] is not string key)
            throw new InvalidDataException("data.pkl: a persistent id that is not a tensor storage");
        return new StorageRef(type.Name, key, (long)t[4]!);
    }

    private static long[] Longs(object? tuple)
        => tuple is object?[] items ? items.Select(v => (long)v!).ToArray() : throw new InvalidDataException("data.pkl: expected a tuple of sizes");

    private static object Key(object? k) => k ?? throw new InvalidDataException("data.pkl: a None dictionary key");

    private static List<object?> AsList(object? o) => o as List<object?> ?? throw new InvalidDataException("data.pkl: APPEND to a non-list");

    private static Dictionary<object, object?> AsDict(object? o) => o as Dictionary<object, object?> ?? throw new InvalidDataException("data.pkl: SETITEM on a non-dict");

    private static object? Memo(Dictionary<long, object?> memo, long key)
        => memo.TryGetValue(key, out object? v) ? v : throw new InvalidDataException($"data.pkl: memo entry {key} is missing");

    private static object? Top(List<object?> stack)
        => stack.Count > 0 ? stack[^1] : throw new InvalidDataException("data.pkl: stack underflow");

    private static object? Pop(List<object?> stack)
    {
        object? v = Top(stack);
        stack.RemoveAt(stack.Count - 1);
        if (ReferenceEquals(v, s_mark))
            throw new InvalidDataException("data.pkl: unexpected MARK");
        return v;
    }

    private static List<object?> PopMark(List<object?> stack, Stack<int> marks)
    {
        if (marks.Count == 0)
            throw new InvalidDataException("data.pkl: no MARK");
        int m = marks.Pop();
        var items = stack.GetRange(m + 1, stack.Count - m - 1);
        stack.RemoveRange(m, stack.Count - m);
        return items;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int p, int n)
    {
        if (n < 0 || p + n > data.Length)
            throw new InvalidDataException("data.pkl is truncated");
        ReadOnlySpan<byte> s = data.Slice(p, n);
        p += n;
        return s;
    }

    private static string Line(ReadOnlySpan<byte> data, ref int p)
    {
        int end = data[p..].IndexOf((byte)'\n');
        if (end < 0)
            throw new InvalidDataException("data.pkl is truncated");
        string s = Encoding.UTF8.GetString(data.Slice(p, end));
        p += end + 1;
        return s;
    }
}
