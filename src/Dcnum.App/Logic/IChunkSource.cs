namespace Dcnum.Logic;

/// <summary>Fills a slot with chunk <c>chunk</c>: frames [firstFrame, firstFrame+count) and their background (image, image_bg, image_corr, bg_off, previous frame).</summary>
public interface IChunkSource
{
    void Load(ChunkSlot slot, int chunk, long firstFrame, int count);
}
