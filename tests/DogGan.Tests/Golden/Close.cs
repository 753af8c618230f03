namespace DogGan.Tests.Golden;

/// <summary>Element-wise comparison with a relative tolerance and an absolute floor near zero.</summary>
internal static class Close
{
    public static void Equal(double expected, double actual, double relative = 1e-9, double absolute = 1e-12,
        string what = "value")
    {
        double allowed = Math.Max(absolute, relative * Math.Abs(expected));
        Assert.True(
            Math.Abs(expected - actual) <= allowed,
            $"{what}: expected {expected:R}, got {actual:R} (allowed difference {allowed:G3})");
    }

    public static void All(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative = 1e-9,
        double absolute = 1e-12, string what = "values")
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Equal(expected[i], actual[i], relative, absolute, $"{what}[{i}]");
        }
    }
}
