using Dcnum.Features;

namespace Dcnum.Tests.Features;

public class EventBatchTest
{
    // SetMask clears only the slot's previous box: a reused slot must still hold exactly the new mask,
    // also after the slot was written freely through MaskOf or the batch grew.
    [Test]
    public async Task SetMask_ReusedSlots_HoldExactlyTheNewMask()
    {
        const int h = 12, w = 17;
        var batch = new EventBatch(["x"], h, w, capacity: 1);
        var box = new EventMask();
        var random = new Random(3);
        var frame = new bool[h * w];
        int failures = 0;
        for (int round = 0; round < 200; round++)
        {
            batch.Clear();
            int events = 1 + random.Next(4); // grows the batch past its capacity of 1
            for (int e = 0; e < events; e++)
            {
                int i = batch.Add(round);
                if (random.Next(5) == 0)
                    batch.MaskOf(i).Fill(true); // written freely: the slot is dirty everywhere
                Array.Clear(frame);
                int top = random.Next(h), left = random.Next(w);
                for (int y = top; y < Math.Min(h, top + random.Next(1, 6)); y++)
                    for (int x = left; x < Math.Min(w, left + random.Next(1, 6)); x++)
                        frame[y * w + x] = random.Next(3) != 0;
                frame[top * w + left] = true;
                box.FromFrame(frame, h, w);
                if (random.Next(5) == 0)
                    batch.MaskOf(i).Fill(true);
                batch.SetMask(i, box);
                if (!batch.Masks.Slice(i * h * w, h * w).SequenceEqual(frame))
                    failures++;
            }
        }
        await Assert.That(failures).IsEqualTo(0);
    }
}
