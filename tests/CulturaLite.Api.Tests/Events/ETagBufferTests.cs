using CulturaLite.Api.Events;

namespace CulturaLite.Api.Tests.Events;

/// <summary>The ETag middleware's pooled body buffers: memory a burst needed is not kept for good.</summary>
public sealed class ETagBufferTests
{
    [Fact]
    public async Task After_a_burst_of_large_bodies_the_pool_keeps_at_most_8_mb_free()
    {
        var body = new byte[300 * 1024];
        var streams = Enumerable.Range(0, 100).Select(_ => ETagMiddleware.Buffers.GetStream()).ToList();
        foreach (var stream in streams)
        {
            await stream.WriteAsync(body);
        }
        Assert.True(ETagMiddleware.Buffers.SmallPoolInUseSize >= 100L * body.Length);
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }
        Assert.InRange(ETagMiddleware.Buffers.SmallPoolFreeSize, 1, 8 * 1024 * 1024);
        Assert.InRange(ETagMiddleware.Buffers.LargePoolFreeSize, 0, 8 * 1024 * 1024);
    }
}
