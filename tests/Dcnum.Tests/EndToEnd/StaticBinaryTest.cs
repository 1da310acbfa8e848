using System.Buffers.Binary;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>The product is one fully static executable: no interpreter, no shared library, runs in an empty root.</summary>
public class StaticBinaryTest
{
    private const uint PtDynamic = 2;
    private const uint PtInterp = 3;

    [Test]
    public async Task ElfHeaders_PublishedBinary_HaveNoInterpreterAndNoDynamicSection()
    {
        byte[] elf = await File.ReadAllBytesAsync(DcnumBinary.Path);
        await Assert.That(elf.AsSpan(0, 4).SequenceEqual("\u007fELF"u8)).IsTrue();
        await Assert.That(elf[4]).IsEqualTo((byte)2); // ELFCLASS64
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x20));
        int phentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x36));
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x38));
        var types = new List<uint>();
        for (int i = 0; i < phnum; i++)
            types.Add(BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)phoff + i * phentsize)));
        await Assert.That(types.Count).IsGreaterThan(0);
        await Assert.That(types.Contains(PtInterp)).IsFalse();
        await Assert.That(types.Contains(PtDynamic)).IsFalse();
    }

    [Test]
    public async Task EmptyChroot_VersionAndInfo_Run()
    {
        using var temp = new TempDirectory("dcnum-chroot-");
        string root = temp.Path;
        File.Copy(DcnumBinary.Path, System.IO.Path.Combine(root, "dcnum"));
        File.Copy(SharedData.Data("cytoshot-test-data.rtdc"), System.IO.Path.Combine(root, "in.rtdc"));
        // Nothing else: no /lib, no /proc, no /etc, no libssl.
        var version = await DcnumBinary.RunAsync("chroot", [root, "/dcnum", "--version"]);
        await Assert.That(version.ExitCode).IsEqualTo(0);
        await Assert.That(version.StdOut).Contains("dcnum-native");
        var info = await DcnumBinary.RunAsync("chroot", [root, "/dcnum", "info", "/in.rtdc"]);
        await Assert.That(info.StdErr).IsEqualTo("");
        await Assert.That(info.ExitCode).IsEqualTo(0);
    }
}
