using System.Numerics;
using Dcnum.Write;

namespace Dcnum.Tests.Write;

/// <summary>The mask conversion's vector kernel and its scalar twin: 0 → 0 and 1 → 255 on every length up to three vectors plus a tail.</summary>
public class MaskBytesTest
{
    [Test]
    public async Task VectorAndScalar_AllLengths_ZeroAnd255()
    {
        var random = new Random(7);
        int max = 3 * Vector<byte>.Count + 7;
        int differ = 0;
        for (int n = 0; n <= max; n++)
        {
            var bools = new byte[n];
            for (int i = 0; i < n; i++)
                bools[i] = (byte)random.Next(2);
            var vector = new byte[n + 2];
            var scalar = new byte[n + 2];
            var dispatched = new byte[n + 2];
            MaskBytes.FromBoolsVector(bools, vector);
            MaskBytes.FromBoolsScalar(bools, scalar);
            MaskBytes.FromBools(bools, dispatched);
            for (int i = 0; i < n; i++)
            {
                byte expected = bools[i] == 0 ? (byte)0 : (byte)255;
                if (vector[i] != expected || scalar[i] != expected || dispatched[i] != expected)
                    differ++;
            }
            if (vector[n] != 0 || vector[n + 1] != 0 || scalar[n] != 0) // nothing written past the mask
                differ++;
        }
        await Assert.That(differ).IsEqualTo(0);
    }
}
