using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace CulturaLite.Api.Events;

/// <summary>
/// Caching for public discovery. Whole responses are kept in ASP.NET's output cache (anonymous GETs,
/// varied by URL and Origin) and list counts in a memory cache; both are dropped the moment
/// <see cref="EventChanges"/> reports a submission, edit, decision or category change, so a
/// moderation result is visible on the very next request. The short lifetime only bounds how long
/// "upcoming" can lag behind the clock.
/// </summary>
public sealed class PublicCache : IDisposable
{
    public const string Tag = "public-events";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly IMemoryCache _memory;
    private readonly IOutputCacheStore _store;
    private CancellationTokenSource _generation = new();
    private long _version;

    /// <summary>Entries the count and list cache may hold: a flood of distinct filters evicts only its own kind.</summary>
    public const int MemoryEntries = 20_000;

    public PublicCache(IOutputCacheStore store, EventChanges changes)
    {
        // Its own bounded store: counts for every filter a crawler tries must not push out account states.
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = MemoryEntries });
        _store = store;
        changes.Changed += Invalidate;
    }

    public void Dispose() => _memory.Dispose();

    /// <summary>How many counts and lists are held now.</summary>
    internal int Count => ((MemoryCache)_memory).Count;

    /// <summary>Counts the changes seen; a response computed across a change must not be stored.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Drops every cached public response and count (this instance).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        var old = Interlocked.Exchange(ref _generation, new CancellationTokenSource());
        // Cancelled, never disposed: requests still holding its token may read it (it is collected with them).
        old.Cancel();
        _ = _store.EvictByTagAsync(Tag, CancellationToken.None).AsTask();
    }

    /// <summary>A value cached until the next change (or <see cref="Lifetime"/>), computed once per key.</summary>
    public async Task<T> GetOrCreateAsync<T>(string key, Func<Task<T>> create)
    {
        if (_memory.TryGetValue(key, out T? cached))
        {
            return cached!;
        }
        var token = _generation.Token;
        var version = Version;
        var value = await create();
        if (!token.IsCancellationRequested && version == Version)
        {
            using var entry = _memory.CreateEntry(key);
            entry.Value = value;
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            entry.AddExpirationToken(new CancellationChangeToken(token));
        }
        return value;
    }

    /// <summary>Lists: the filters and the page (`/api/events/`).</summary>
    public const string Policy = "public";
    /// <summary>Feeds: the filters, not the page (they are not paged).</summary>
    public const string FeedPolicy = "public-feed";
    /// <summary>One event of the API: the members chosen (`fields`, `omit`) and the language.</summary>
    public const string DetailPolicy = "public-detail";
    /// <summary>One thing (an event, a share page, its preview, the sitemap, the dropdown lists): no query parameter but the language.</summary>
    public const string OnePolicy = "public-one";

    /// <summary>The festivals' list: its city and page.</summary>
    public const string FestivalsPolicy = "public-festivals";

    /// <summary>The public pages for people (the home page): the list's filters and page, in the interface's language.</summary>
    public const string PagePolicy = "public-page";

    /// <summary>The public list's filters, as the list and the feeds read them (<see cref="EventFilter.PublicQueryNames"/>).</summary>
    public static readonly string[] FilterKeys = EventFilter.PublicQueryNames;

    /// <summary>What the home page reads: the list's filters, the page and the interface language.</summary>
    public static readonly string[] PageKeys = [.. FilterKeys, "page", Site.UiLanguage.QueryKey];

    /// <summary>What a public list's or feed's links keep besides the page: its filters, the members chosen and the language.</summary>
    public static readonly string[] LinkKeys = [.. FilterKeys, .. Web.FieldSelection.QueryKeys, LanguageChoice.QueryKey];

    /// <summary>What a feed's own link keeps: its filters and the language.</summary>
    public static readonly string[] FeedLinkKeys = [.. FilterKeys, LanguageChoice.QueryKey];

    /// <summary>What the public list reads: its filters, the members chosen and the page.</summary>
    public static readonly string[] QueryKeys = [.. FilterKeys, .. Web.FieldSelection.QueryKeys, "page", "page_size"];

    /// <summary>
    /// Each endpoint is cached by exactly the parameters it reads: one that it ignores must not mint new
    /// cache entries (or any client could flood the cache with ?x=1, ?x=2 ... and push costly answers out).
    /// All are keyed by the languages chosen (`?lang=`, Accept-Language), reduced to the configured ones in
    /// order: not by the raw header, or the cache would split per browser.
    /// </summary>
    public static void AddPolicy(OutputCacheOptions options, bool enabled, IReadOnlyList<string> languages)
    {
        foreach (var (name, keys) in new[] { (Policy, QueryKeys), (FeedPolicy, FilterKeys), (DetailPolicy, Web.FieldSelection.QueryKeys), (OnePolicy, Array.Empty<string>()), (PagePolicy, PageKeys),
            (FestivalsPolicy, ["city", "page", "page_size"]) })
        {
            options.AddPolicy(name, b =>
            {
                if (!enabled)
                {
                    b.NoCache();
                    return;
                }
                b.Expire(Lifetime).Tag(Tag).SetVaryByHeader("Origin").SetVaryByQuery(keys)
                    .VaryByValue(http => new KeyValuePair<string, string>("languages", string.Join(',', LanguageChoice.Preferences(http.Request, languages))))
                    .VaryByValue(http => new KeyValuePair<string, string>("encoding", Web.Compression.Chosen(http.Request)))
                    .AddPolicy(typeof(LateWriterGuard));
                if (name is PagePolicy or OnePolicy)
                {
                    // The pages' interface language (the share and organizer pages are cached under OnePolicy); nothing
                    // else reads it, so it splits no other entry (`?ui=` on the API is an ignored parameter).
                    b.VaryByValue(http => new KeyValuePair<string, string>("ui",
                        Site.SiteModule.ShowsInterface(http.Request.Path) ? Site.UiLanguage.Choose(http.Request).Name : ""));
                }
            });
        }
    }

    /// <summary>
    /// A response whose computation overlapped a change is served but not stored: otherwise a slow
    /// request that read before an eviction would put its old result back into the cache after it.
    /// </summary>
    /// <remarks>Created once by the output cache (a typed policy), so it holds the singleton cache.</remarks>
    public sealed class LateWriterGuard(PublicCache cache) : IOutputCachePolicy
    {
        private const string Key = "public-cache-version";

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.HttpContext.Items[Key] = cache.Version;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            Operations.AppMetrics.CacheHits.Add(1);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            Operations.AppMetrics.CacheMisses.Add(1);
            if (context.HttpContext.Items[Key] is not long started || started != cache.Version)
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }
}
