using DogGan.Build;

namespace DogGan.Tests.Build;

public sealed class ElfVersionNeedsTests
{
    private const string Wanted = "GLIBCXX_3.4.32";

    [Fact]
    public void BuildOutput_TorchSharpGlue_HasOnlyTheGcc13RequirementWeak()
    {
        // The test project's own output folder got its copies from the same build step the host's did.
        string[] copies = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so",
            SearchOption.AllDirectories);
        Assert.NotEmpty(copies);
        foreach (string copy in copies)
        {
            IReadOnlyList<VersionNeed> needs = ElfVersionNeeds.Read(copy);
            VersionNeed gcc13 = Assert.Single(needs, n => n.Version == Wanted);
            Assert.True(gcc13.IsWeak, $"{copy}: {Wanted} is still a strict requirement");
            Assert.Equal("libstdc++.so.6", gcc13.File);
            Assert.All(needs.Where(n => n.Version != Wanted),
                n => Assert.False(n.IsWeak, $"{n.Version} was weakened too"));
        }
    }

    [Fact]
    public void Weaken_StrictCopy_ChangesTwoBytesOnceAndIsIdempotent()
    {
        string source = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so",
            SearchOption.AllDirectories)[0];
        string copy = Path.Combine(Path.GetTempPath(), $"doggan-elf-{Guid.NewGuid():N}.so");
        try
        {
            // Make a strict copy again by clearing the flag, then weaken it and compare bytes.
            byte[] original = File.ReadAllBytes(source);
            VersionNeed need = ElfVersionNeeds.Read(source).Single(n => n.Version == Wanted);
            byte[] strict = (byte[])original.Clone();
            strict[need.FlagsOffset] = (byte)(strict[need.FlagsOffset] & ~ElfVersionNeeds.WeakFlag);
            File.WriteAllBytes(copy, strict);
            Assert.False(ElfVersionNeeds.Read(copy).Single(n => n.Version == Wanted).IsWeak);

            Assert.Equal(1, ElfVersionNeeds.Weaken(copy, Wanted));
            byte[] weakened = File.ReadAllBytes(copy);
            int[] differing = Enumerable.Range(0, strict.Length).Where(i => strict[i] != weakened[i]).ToArray();
            Assert.Equal([checked((int)need.FlagsOffset)], differing);
            Assert.Equal(0, ElfVersionNeeds.Weaken(copy, Wanted));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void Read_NotAnElfFile_SaysSo()
    {
        string path = Path.Combine(Path.GetTempPath(), $"doggan-notelf-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, "this is text, not a shared library, and it is long enough to have a header");
        try
        {
            InvalidDataException error = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(path));
            Assert.Contains("not an ELF file", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
