using System.Globalization;
using System.Text.Json;
using DogGan.Host.Scoring;
using DogGan.Tests.Data;
using TorchSharp;

namespace DogGan.Tests.Scoring;

/// <summary>
/// FID, the memorization distance and MiFID against shared/reference/fid, whose values
/// numpy and scipy computed from the same CSV text (make_reference.py beside them).
/// </summary>
public sealed class MifidGoldenTests
{
    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (string folder in Directory.GetDirectories(SharedFolder.Reference("fid")).Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileName(folder));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MifidScore_ReferenceCase_MatchesNumpyAndScipy(string name)
    {
        string folder = SharedFolder.Reference("fid", name);
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        JsonElement root = expected.RootElement;
        using torch.Tensor generated = ReadCsv(Path.Combine(folder, "generated.csv"));
        using torch.Tensor real = ReadCsv(Path.Combine(folder, "real.csv"));
        Assert.Equal(root.GetProperty("rows_generated").GetInt64(), generated.shape[0]);
        Assert.Equal(root.GetProperty("dims").GetInt64(), generated.shape[1]);

        MifidScore score = MifidScore.Of(generated, real);

        Assert.Equal(MemorizationDistance.Threshold, root.GetProperty("memorization_threshold").GetDouble());
        AssertRelative(root.GetProperty("fid").GetDouble(), score.Fid, 1e-6, "fid");
        AssertAbsolute(root.GetProperty("memorization_distance").GetDouble(), score.Distance, 1e-9, "distance");
        AssertRelative(root.GetProperty("mifid").GetDouble(), score.Mifid, 1e-6, "mifid");
    }

    [Fact]
    public void MemorizationDistance_AllZeroGeneratedRows_AreLeftOutOfTheMean()
    {
        using torch.Tensor real = torch.tensor(new double[,] { { 1, 0 }, { 0, 1 } });
        using torch.Tensor withZeros = torch.tensor(new double[,] { { 1, 1 }, { 0, 0 }, { 0, 0 } });
        using torch.Tensor without = torch.tensor(new double[,] { { 1, 1 } });

        double distance = MemorizationDistance.Of(withZeros, real);

        Assert.Equal(MemorizationDistance.Of(without, real), distance);
        Assert.Equal(1 - Math.Sqrt(0.5), distance, 12);
    }

    [Fact]
    public void FrechetDistance_RankDeficientCovariances_IsFiniteAndZeroForIdenticalSets()
    {
        // 5 rows in 32 dimensions: both covariances have rank 4 at most.
        using torch.Generator generator = new(11);
        using torch.Tensor rows = torch.randn([5, 32], torch.float64, generator: generator);
        using FeatureStatistics first = FeatureStatistics.Of(rows);
        using FeatureStatistics second = FeatureStatistics.Of(rows);

        double fid = FrechetDistance.Between(first, second);

        Assert.True(double.IsFinite(fid));
        Assert.InRange(fid, -1e-6, 1e-6);
    }

    internal static torch.Tensor ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        int columns = lines[0].Split(',').Length;
        var values = new double[lines.Length * columns];
        for (int row = 0; row < lines.Length; row++)
        {
            string[] cells = lines[row].Split(',');
            Assert.Equal(columns, cells.Length);
            for (int column = 0; column < columns; column++)
            {
                values[(row * columns) + column] = double.Parse(cells[column], NumberStyles.Float,
                    CultureInfo.InvariantCulture);
            }
        }

        return torch.tensor(values, [lines.Length, columns], torch.float64);
    }

    private static void AssertRelative(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} "
            + $"(relative error {Math.Abs(expected - actual) / Math.Abs(expected):G3})");

    private static void AssertAbsolute(double expected, double actual, double absolute, string what) =>
        Assert.True(Math.Abs(expected - actual) <= absolute,
            $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):G3})");
}
