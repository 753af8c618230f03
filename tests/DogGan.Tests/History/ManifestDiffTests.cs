using DogGan.Host.History;

namespace DogGan.Tests.History;

/// <summary>The manifest diff that <c>host compare</c> and <c>host report</c> both show.</summary>
public sealed class ManifestDiffTests
{
    [Fact]
    public void Find_ThreeManifests_ListsExactlyTheDifferingPathsWithEachValue()
    {
        string a = """{"name":"a","architecture":{"plugin":"dcgan","options":"""
            + """{"ch":8,"nz":64}},"data":{"crops":["x","y"]}}""";
        string b = """{"name":"a","architecture":{"plugin":"dcgan","options":"""
            + """{"ch":16,"nz":64}},"data":{"crops":["x","z"]}}""";
        string c = """{"name":"a","architecture":{"plugin":"dcgan","options":"""
            + """{"ch":8,"nz":64,"splitBatchNorm":true}},"data":{"crops":["x","y"]}}""";

        IReadOnlyList<ManifestDifference> differences = ManifestDiff.Find([a, b, c]);

        Assert.Equal(["$.architecture.options.ch", "$.architecture.options.splitBatchNorm", "$.data.crops[1]"],
            differences.Select(d => d.Path));
        Assert.Equal(["8", "16", "8"], differences[0].Values);
        Assert.Equal([null, null, "true"], differences[1].Values);
        Assert.Equal(["\"y\"", "\"z\"", "\"y\""], differences[2].Values);
    }

    [Fact]
    public void Find_IdenticalManifestsWithOtherKeyOrder_NoDifferences()
    {
        Assert.Empty(ManifestDiff.Find(["""{"a":1,"b":{"c":[1,2]}}""", """{"b":{"c":[1,2]},"a":1}"""]));
    }

    [Fact]
    public void Find_SameValuesSpelledDifferentlyAndReordered_FindsNoDifference()
    {
        const string first = """{"name":"a","optimizer":{"learningRate":0.0005,"beta1":0.30},"seed":7}""";
        const string second = """
            // comments and trailing commas are allowed in manifests
            {"seed":7.0,"optimizer":{"beta1":0.3,"learningRate":5e-4},"name":"a",}
            """;

        Assert.Empty(ManifestDiff.Find([first, second]));
    }

    [Fact]
    public void Find_NestedChangesAndMissingKeys_GivesJsonPathsWithEachRunsValue()
    {
        const string first = """{"name":"a","loss":{"plugin":"hard-margin","options":{"margin":0.8}},"seed":1}""";
        const string second =
            """{"name":"b","loss":{"plugin":"hard-margin","options":{"margin":0.7}},"device":"cpu"}""";

        IReadOnlyList<ManifestDifference> differences = ManifestDiff.Find([first, second]);

        Assert.Equal(["$.name", "$.loss.options.margin", "$.seed", "$.device"], differences.Select(d => d.Path));
        Assert.Equal(["\"a\"", "\"b\""], differences[0].Values);
        Assert.Equal(["0.8", "0.7"], differences[1].Values);
        Assert.Equal(["1", null], differences[2].Values);
        Assert.Equal([null, "\"cpu\""], differences[3].Values);
    }

    [Fact]
    public void Find_ListOfPlainValuesThatGainedAnEntry_IsOneDifferenceNotOnePerIndex()
    {
        const string first = """
            {"data":{"crops":["top-left","padded-box"]},"averager":{"options":{"bumpEpochs":[1]}}}
            """;
        const string second = """
            {"data":{"crops":["centred-context","top-left","padded-box"]},
             "averager":{"options":{"bumpEpochs":[1.0]}}}
            """;

        ManifestDifference difference = Assert.Single(ManifestDiff.Find([first, second]));

        Assert.Equal("$.data.crops", difference.Path);
        Assert.Equal(["[\"top-left\",\"padded-box\"]", "[\"centred-context\",\"top-left\",\"padded-box\"]"],
            difference.Values);
    }

    [Fact]
    public void Find_ObjectsInListsAndKeysThatAreNoIdentifiers_UseIndexesAndBracketedNames()
    {
        const string first = """{"stages":[{"lr":1},{"lr":2}],"odd key":{"x-y":1}}""";
        const string second = """{"stages":[{"lr":1},{"lr":3}],"odd key":{"x-y":2}}""";

        Assert.Equal(["$.stages[1].lr", "$[\"odd key\"][\"x-y\"]"],
            ManifestDiff.Find([first, second]).Select(d => d.Path));
    }

    [Fact]
    public void Find_SeedsThatADoubleCannotTellApart_AreDifferent()
    {
        // 2^53 + 1 and 2^53 are the same double; a manifest seed is a long.
        ManifestDifference difference = Assert.Single(
            ManifestDiff.Find(["""{"seed":9007199254740993}""", """{"seed":9007199254740992}"""]));

        Assert.Equal(["9007199254740993", "9007199254740992"], difference.Values);
    }

    [Fact]
    public void Find_StringsWithJsonEscapes_CompareDecodedAndReadAsTyped()
    {
        ManifestDifference difference = Assert.Single(ManifestDiff.Find(
            ["""{"name":"\u0061 <b>","device":"cpu"}""", """{"name":"a <i>","device":"\u0063pu"}"""]));

        Assert.Equal("$.name", difference.Path);
        Assert.Equal(["\"a <b>\"", "\"a <i>\""], difference.Values);
    }

    [Fact]
    public void Find_ThreeRunsWhereOnlyOneDiffers_ReportsTheKeyWithAllThreeValues()
    {
        ManifestDifference difference = Assert.Single(ManifestDiff.Find(
            ["""{"threads":2}""", """{"threads":2}""", """{"threads":4}"""]));

        Assert.Equal(["2", "2", "4"], difference.Values);
    }
}
