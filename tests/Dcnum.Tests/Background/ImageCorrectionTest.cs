using System.Numerics;
using Dcnum.Background;

namespace Dcnum.Tests.Background;

/// <summary>image_corr's vector kernel and its scalar twin against the definition, on every length up to three vectors plus a tail.</summary>
public class ImageCorrectionTest
{
    [Test]
    public async Task VectorAndScalar_AllLengths_EqualDefinition()
    {
        var random = new Random(13);
        int max = 3 * Vector<byte>.Count + 7;
        int differ = 0;
        for (int n = 0; n <= max; n++)
        {
            var image = new byte[n];
            var background = new byte[n + 3]; // longer than the image, as a reused buffer may be
            random.NextBytes(image);
            random.NextBytes(background);
            if (n > 0)
                (image[0], background[0], image[n - 1], background[n - 1]) = (0, 255, 255, 0); // −255 and +255
            var vector = new short[n + 2];
            var scalar = new short[n + 2];
            var dispatched = new short[n + 2];
            ImageCorrection.SubtractVector(image, background, vector);
            ImageCorrection.SubtractScalar(image, background, scalar);
            ImageCorrection.Subtract(image, background, dispatched);
            for (int i = 0; i < n; i++)
            {
                short expected = (short)(image[i] - background[i]);
                if (vector[i] != expected || scalar[i] != expected || dispatched[i] != expected)
                    differ++;
            }
            if (vector[n] != 0 || vector[n + 1] != 0 || scalar[n] != 0) // nothing written past the image
                differ++;
        }
        await Assert.That(differ).IsEqualTo(0);
    }
}
