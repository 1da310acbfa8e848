using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Dcnum.Read.Hdf5;

namespace Dcnum.Cli;

/// <summary>
/// What this binary was built for, printed by <c>--version</c>: the platform, the instruction set
/// and the Zstandard codec. In the AOT binary <see cref="Avx2"/>.IsSupported is fixed at compile
/// time by the build's instruction set (<c>-p:DcnumIsa</c>), so the line tells the build apart.
/// </summary>
internal static class BuildInfo
{
    public static string Platform => RuntimeInformation.RuntimeIdentifier;

    public static string InstructionSet => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => Avx2.IsSupported && Fma.IsSupported ? "x86-64-v3" : "x86-64 baseline",
        Architecture.Arm64 => "armv8-a",
        var other => other.ToString().ToLowerInvariant(),
    };

    public static string Describe() => $"{Platform}, {InstructionSet}, zstd: {Zstd.Codec}";
}
