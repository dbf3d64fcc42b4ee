using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using Microsoft.AspNetCore.OutputCaching;

namespace CulturaLite.Api.Tests.Events;

/// <summary>
/// <see cref="PublicCache"/>'s own rules, on a cache built here: a value is computed once until the next change,
/// a value computed across a change is not kept, a change evicts the output cache's tag, and the store is bounded.
/// </summary>
public sealed class PublicCacheTests
{
    private sealed class Store : IOutputCacheStore
    {
        public List<string> Evicted { get; } = [];

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            Evicted.Add(tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private readonly Store store = new();
    private readonly EventChanges changes = new(new ChangeFeed());

    [Fact]
    public async Task A_value_is_computed_once_until_the_next_change()
    {
        using var cache = new PublicCache(store, changes);
        var computed = 0;
        Task<int> Create() => Task.FromResult(++computed);

        Assert.Equal(1, await cache.GetOrCreateAsync("count:a", Create));
        Assert.Equal(1, await cache.GetOrCreateAsync("count:a", Create));
        Assert.Equal(2, await cache.GetOrCreateAsync("count:b", Create));

        cache.Invalidate();

        Assert.Equal(3, await cache.GetOrCreateAsync("count:a", Create));
        Assert.Equal(3, await cache.GetOrCreateAsync("count:a", Create));
        Assert.Equal([PublicCache.Tag], store.Evicted);
    }

    [Fact]
    public async Task A_value_computed_across_a_change_is_returned_but_not_kept()
    {
        using var cache = new PublicCache(store, changes);
        var release = new TaskCompletionSource<int>();
        var slow = cache.GetOrCreateAsync("count:a", () => release.Task);
        cache.Invalidate();
        release.SetResult(41);

        Assert.Equal(41, await slow);
        Assert.Equal(0, cache.Count);
        Assert.Equal(42, await cache.GetOrCreateAsync("count:a", () => Task.FromResult(42)));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task The_store_holds_no_more_than_its_bound()
    {
        using var cache = new PublicCache(store, changes);
        for (var i = 0; i < PublicCache.MemoryEntries + 50; i++)
        {
            await cache.GetOrCreateAsync($"count:{i}", () => Task.FromResult(i));
        }
        Assert.InRange(cache.Count, 1, PublicCache.MemoryEntries);
    }
}
