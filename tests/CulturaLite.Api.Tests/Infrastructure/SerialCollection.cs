namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>Tests that measure races or timing run alone, not beside the rest of the suite.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
