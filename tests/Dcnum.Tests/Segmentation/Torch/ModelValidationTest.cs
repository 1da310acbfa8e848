using Dcnum.Cli;
using Dcnum.Read;
using Dcnum.Segmentation.Torch.Model;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation.Torch;

/// <summary>The model's validation rules (dcnum's validate_applicability) and <c>--skip-validation</c>.</summary>
public class ModelValidationTest
{
    private static readonly IReadOnlyDictionary<string, string[]> s_noLogs = new Dictionary<string, string[]>();

    [Test]
    public async Task Rules_MetaRegexpValueMissingKeyAndBadType_GiveTheirReasons()
    {
        var meta = new ModelMeta
        {
            Validation =
            [
                new ValidationRule("meta", "setup:chip region", false, "^channel$", false, null, "only channel"),
                new ValidationRule("meta", "setup:channel width", false, null, false, [20.0], "width 20"),
                new ValidationRule("meta", "setup:identifier", false, "^RC-", false, null, "rivercyte"),
                new ValidationRule("logs", "testing-fail", true, "failed", true, null, "failed run"),
                new ValidationRule("meta", "setup:medium", false, null, false, null, "never"),
                new ValidationRule("other", "x", false, null, false, null, "bad type"),
            ],
        };
        var attributes = new Dictionary<string, AttributeValue>
        {
            ["setup:chip region"] = AttributeValue.FromString("channel"),
            ["setup:channel width"] = AttributeValue.FromFloat(20.19), // within 1 %
            ["setup:identifier"] = AttributeValue.FromString("ZMDD-xyz"),
        };
        var logs = new Dictionary<string, string[]> { ["testing-fail"] = ["all good", "measurement failed here"] };
        var reasons = ModelValidation.Reasons(meta, "m.dcnm", attributes, logs);
        await Assert.That(string.Join(" | ", reasons)).IsEqualTo("rivercyte | failed run | Key 'setup:medium' missing in meta | invalid validation type other in m.dcnm");

        attributes["setup:channel width"] = AttributeValue.FromFloat(20.21); // 1.05 % off
        reasons = ModelValidation.Reasons(meta, "m.dcnm", attributes, s_noLogs);
        await Assert.That(reasons).Contains("width 20");
        await Assert.That(reasons).DoesNotContain("failed run"); // the log may be missing
    }

    [Test]
    public async Task Process_G2OnCompressedExample_RefusedUnlessSkipped()
    {
        string model = SharedData.Data("unet-dcnum-test_g2_17ec6.dcnm");
        string input = SharedData.Data("dcnum_thresh_example.rtdc");
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", input, "--dry-run", "-s", "torchmpo", "-ks", "model_file=" + model], new StringWriter(), stderr);
        await Assert.That(rc).IsEqualTo(1);
        await Assert.That(stderr.ToString()).IsEqualTo($"dcnum: error: {input}: cannot be segmented with 'torchmpo': must not be compressed 2024-05-07 "
            + "(model unet-dcnum-test_g2_17ec6.dcnm; --skip-validation runs it anyway)\n");

        var stdout = new StringWriter();
        rc = CommandLine.Run(["process", input, "--dry-run", "-s", "torchmpo", "-ks", "model_file=" + model, "--skip-validation"], stdout, new StringWriter());
        await Assert.That(rc).IsEqualTo(0);
        await Assert.That(stdout.ToString()).Contains("Segmenter ID:\ttorchmpo:m=unet-dcnum-test_g2_17ec6.dcnm:cle=1^f=1^clo=0\n");
    }

    [Test]
    public async Task DryRun_Bench2000G1_HasReferenceHash()
    {
        // the PPID check: bench_2000, g1, -kb offset_correction=true → a1bceba38470b6362e5101fe64a4a9da (also in the golden's json)
        var stdout = new StringWriter();
        int rc = CommandLine.Run(["process", SharedData.Data("bench_2000.rtdc"), "--dry-run", "-kb", "offset_correction=true", "-s", "torchmpo",
            "-ks", "model_file=" + SharedData.Data("unet-dcnum-test_g1_910c2.dcnm")], stdout, new StringWriter());
        await Assert.That(rc).IsEqualTo(0);
        await Assert.That(stdout.ToString()).Contains("Pipeline hash:\ta1bceba38470b6362e5101fe64a4a9da\n");
    }
}
