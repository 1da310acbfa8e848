using Dcnum.Meta;
using Dcnum.Read;

namespace Dcnum.Job;

/// <summary>
/// Which stages a job must run on its input. An input that dcnum (or we) already processed
/// carries <c>pipeline:dcnum *</c> attributes: when its generation, data and background IDs
/// equal the job's and it has <c>image_bg</c>, the background is reused; when in addition its
/// hash is intact (MD5 of its own IDs), its yield equals its event count, no frame selection is
/// asked for and segmenter, feature and gate IDs are equal too, nothing is recomputed at all.
/// dcnum counterpart: the redo_sanity / redo_bg / redo_seg logic of <c>DCNumJobRunner.run_pipeline</c>.
/// </summary>
public sealed record RedoPlan(bool Background, bool Segmentation)
{
    public static RedoPlan For(PipelineJob job, RtdcFile input)
    {
        string Id(string key) => input.AttributeText($"pipeline:dcnum {key}") ?? "0";
        string gen = Id("generation"), dat = Id("data"), bg = Id("background"), seg = Id("segmenter"), feat = Id("feature"), gate = Id("gate");
        string hash = Id("hash");
        long yield = input.AttributeNumber("pipeline:dcnum yield") is double y ? (long)y : -1;

        bool redoSanity = Md5.HexOf(string.Join('|', gen, dat, bg, seg, feat, gate)) != hash
            || input.EventCount != yield
            || !job.Frames.IsAll;
        bool redoBackground = !input.HasFeature("image_bg")
            || gen != PpidGeneration.Value
            || dat != job.DataPpid
            || bg != job.BackgroundPpid;
        bool redoSegmentation = redoSanity || redoBackground
            || seg != job.SegmenterPpid
            || feat != job.FeaturePpid
            || gate != job.GatePpid;
        return new RedoPlan(redoBackground, redoSegmentation);
    }
}
