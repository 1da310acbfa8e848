namespace Dcnum.Generators.Tests;

/// <summary>The app's declaration → the generated files, compared with the reviewed snapshots.</summary>
public class EmitterSnapshotTest
{
    private static string Snapshot(string name) => Path.Combine(AppContext.BaseDirectory, "Snapshots", name);

    [Test]
    public async Task Emit_AppDeclaration_MatchesReviewedSnapshots()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Declaration);
        await Assert.That(result.Diagnostics.Length).IsEqualTo(0);
        var generated = result.Run.Results.Single().GeneratedSources;
        await Assert.That(generated.Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray())
            .IsEquivalentTo(new[] { "Dcnum.Logic.SlotStateMachine.States.g.cs", "Dcnum.Logic.SlotStateMachine.Tasks.g.cs" });
        foreach (var source in generated)
        {
            string expectedPath = Snapshot(source.HintName.Replace(".g.cs", ".verified.cs", StringComparison.Ordinal));
            string actual = source.SourceText.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
            if (!File.Exists(expectedPath) || await File.ReadAllTextAsync(expectedPath) != actual)
            {
                // Write *.received.cs next to the test output for review; never accept automatically.
                Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
                await File.WriteAllTextAsync(Path.ChangeExtension(expectedPath, null) + ".received.cs", actual);
            }
            await Assert.That(File.Exists(expectedPath)).IsTrue();
            await Assert.That(actual).IsEqualTo(await File.ReadAllTextAsync(expectedPath));
        }
    }
}
