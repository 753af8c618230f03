namespace DogGan.Tests.Store;

/// <summary>Store tests share one cluster and run one class at a time against it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
