using Dcnum.Segmentation.Torch.Network;

namespace Dcnum.Tests.Segmentation.Torch;

/// <summary>The engine compares logits with a threshold instead of computing a sigmoid per pixel: the same decision as sigmoid (double, rounded to float) ≥ 0.5f.</summary>
public class LogitThresholdTest
{
    [Test]
    public async Task Threshold_SplitsExactlyWhereTheSigmoidReachesHalf()
    {
        float t = UNetEngine.LogitThreshold();
        await Assert.That(t).IsLessThan(0f);
        await Assert.That(ConvKernels.Sigmoid(t) >= 0.5f).IsTrue();
        await Assert.That(ConvKernels.Sigmoid(MathF.BitDecrement(t)) >= 0.5f).IsFalse();
        // and on a sweep of logits around it
        for (float x = t * 4; x < -t * 4; x = MathF.BitIncrement(x) + MathF.Abs(t) / 64)
            await Assert.That(x >= t).IsEqualTo(ConvKernels.Sigmoid(x) >= 0.5f);
    }
}
