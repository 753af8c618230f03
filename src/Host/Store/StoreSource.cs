namespace DogGan.Host.Store;

/// <summary>Where the store's connection string came from, for an honest log line.</summary>
internal enum StoreSource
{
    /// <summary>Given on the command line (<c>--store</c>).</summary>
    Option,

    /// <summary>From env DOGGAN_STORE.</summary>
    Environment,

    /// <summary>From the config file's <c>store</c> key.</summary>
    ConfigFile,

    /// <summary>None was configured: the private embedded cluster.</summary>
    Embedded,
}
