using Dcnum.Meta;
using Dcnum.Read;
using Dcnum.Write;

namespace Dcnum.Job;

/// <summary>
/// The output's attributes: the input's, then the event count, pixel size, run identifier and
/// the pipeline identifiers of the job. dcnum counterpart: <c>DCNumJobRunner</c>'s metadata step
/// (<c>copy_metadata</c> + the <c>pipeline:*</c> attributes).
/// </summary>
internal static class OutputMetadata
{
    /// <param name="newRunIdentifier">dcnum appends <c>_dcn-&lt;hash[:7]&gt;</c> only when it segmented.</param>
    public static void Write(RtdcWriter writer, RtdcFile input, PipelineJob job, long events, bool newRunIdentifier)
    {
        foreach (var (key, value) in input.Attributes)
        {
            object? v = value.Kind switch
            {
                AttributeKind.String => value.Text,
                AttributeKind.Integer => value.Integer,
                AttributeKind.Float => value.Float,
                AttributeKind.Boolean => value.Integer != 0,
                _ => null,
            };
            if (v is not null)
                writer.SetAttribute(key, v);
        }
        string inputId = input.MeasurementIdentifier ?? "";
        writer.SetAttribute("experiment:event count", events);
        writer.SetAttribute("imaging:pixel size", job.PixelSize);
        if (newRunIdentifier)
            writer.SetAttribute("experiment:run identifier", inputId.Length > 0 ? $"{inputId}_dcn-{job.Hash[..7]}" : $"dcn-{job.Hash[..7]}");
        writer.SetAttribute("pipeline:dcnum generation", PpidGeneration.Value);
        writer.SetAttribute("pipeline:dcnum data", job.DataPpid);
        writer.SetAttribute("pipeline:dcnum background", job.BackgroundPpid);
        writer.SetAttribute("pipeline:dcnum segmenter", job.SegmenterPpid);
        writer.SetAttribute("pipeline:dcnum feature", job.FeaturePpid);
        writer.SetAttribute("pipeline:dcnum gate", job.GatePpid);
        writer.SetAttribute("pipeline:dcnum hash", job.Hash);
        writer.SetAttribute("pipeline:dcnum yield", events);
        writer.SetAttribute("pipeline:dcnum mapping", job.Frames.PpidPart);
    }
}
