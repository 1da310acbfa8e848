using Dcnum.Meta;

namespace Dcnum.Tests.Meta;

/// <summary>How dcnum prints keyword arguments into a PPID (meta/ppid.py).</summary>
public class PpidTextTest
{
    // Python's str(float) and int(float) as dcnum prints kwargs (meta/ppid.py kwargs_to_ppid).
    [Test]
    [Arguments(-6.0, "-6")]
    [Arguments(-6.5, "-6.5")]
    [Arguments(-0.1, "-0.1")]
    [Arguments(0.30000000000000004, "0.30000000000000004")]
    [Arguments(-0.0001, "-0.0001")]
    [Arguments(-1e-05, "-1e-05")]
    [Arguments(-1.5e-10, "-1.5e-10")]
    [Arguments(-1e22, "-10000000000000000000000")]
    [Arguments(-123.456, "-123.456")]
    [Arguments(1234567.125, "1234567.125")]
    public async Task Float_PythonValues_PrintAsDcnum(double value, string text)
        => await Assert.That(PpidText.Float(value)).IsEqualTo(text);

    // dcnum tests/test_meta_ppid_base.py::test_unique_prefix_*.
    [Test]
    [Arguments(new[] { "camera", "campus" }, new[] { "came", "camp" })]
    [Arguments(new[] { "cole", "coleman" }, new[] { "cole", "colem" })]
    [Arguments(new[] { "cole", "coleman", "colemine" }, new[] { "cole", "colema", "colemi" })]
    [Arguments(new[] { "cole", "coleman", "cundis" }, new[] { "cole", "colem", "cu" })]
    [Arguments(new[] { "an", "and", "anderson", "andersrum", "ant" }, new[] { "an", "and", "anderso", "andersr", "ant" })]
    [Arguments(new[] { "campus", "camera" }, new[] { "camp", "came" })]
    [Arguments(new[] { "coleman", "cole", "colemine" }, new[] { "colema", "cole", "colemi" })]
    [Arguments(new[] { "an", "andersrum", "and", "anderson", "ant" }, new[] { "an", "andersr", "and", "anderso", "ant" })]
    [Arguments(new[] { "clear_border", "fill_holes", "closing_disk" }, new[] { "cle", "f", "clo" })]
    public async Task UniquePrefixes_DcnumVectors_Match(string[] names, string[] prefixes)
        => await Assert.That(PpidText.UniquePrefixes(names).SequenceEqual(prefixes)).IsTrue();
}
