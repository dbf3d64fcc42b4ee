using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CulturaLite.Api.Site.Pages;

/// <summary>
/// The home page: the upcoming events that `/api/events/` lists for the same filters (one listing, <see cref="PublicListing"/>),
/// with its filters as a form that works without JavaScript, cards linking to the share pages, and numbered pages.
/// Cached and evicted with the public list, per interface language.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicCache.PagePolicy)]
public sealed class HomeModel(PublicListing listing, AppDbContext db, PublicCache cache, TimeProvider clock, IOptions<SiteOptions> site) : PageModel
{
    /// <summary>The filters the home page offers, by their query names (the list's own).</summary>
    public static readonly string[] Offered = ["search", "city", "category", "date_from", "date_to", "is_free", "attendance_mode", "accessibility"];

    public IReadOnlyList<EventResponse> Events { get; private set; } = [];
    public int Count { get; private set; }
    public int Number { get; private set; } = 1;
    public int LastPage { get; private set; } = 1;
    public IReadOnlyList<CityResponse> Cities { get; private set; } = [];
    public IReadOnlyList<CategoryRef> Categories { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = new();
    public TimeZoneInfo Zone => site.Value.Zone;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A filter's value as asked (empty when not asked).</summary>
    public string Value(string name) => Request.Query[name].ToString();

    /// <summary>True when a multi-valued filter (`accessibility`) holds <paramref name="code"/>.</summary>
    public bool Has(string name, string code) => Value(name).Split(',', StringSplitOptions.TrimEntries).Contains(code);

    public bool Filtered => Offered.Any(name => Value(name).Length > 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Cities = await CityCounts.ListAsync(db, cache, clock, ct);
        // Both lists change only with a change to the public events or categories, which empties this cache.
        Categories = await cache.GetOrCreateAsync("page:categories",
            () => db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new CategoryRef(c.Id, c.Name, c.Slug)).ToListAsync(ct));
        // A form sends every field, empty or not: an empty one is no filter, as on the list.
        var asked = new QueryCollection(Offered.Select(name => (name, value: Value(name)))
            .Where(f => f.value.Length > 0).ToDictionary(f => f.name, f => new StringValues(f.value)));
        var selected = await listing.SelectAsync(asked, ct);
        if (selected.Value is not { } selection)
        {
            Errors = selected.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!PageRequest.TryParse(Request.Query, out var request) || await listing.PageOfAsync(selection, request with { Size = PageRequest.DefaultSize }, false, ct) is not { } page)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Errors.Add("page", "Invalid page.");
            return Page();
        }
        var languages = LanguageChoice.Preferences(Request, site.Value.EventLanguages);
        Events = page.Results.Select(e => e.In(languages)).ToList();
        (Count, Number, LastPage) = (page.Count, page.Number, page.LastPage);
        return Page();
    }

    /// <summary>This page's address with another page number, keeping the filters asked.</summary>
    public string PageUrl(int number)
    {
        var kept = Asked(Offered);
        if (number > 1)
        {
            kept.Add($"page={number}");
        }
        return kept.Count == 0 ? "/" : "/?" + string.Join('&', kept);
    }

    /// <summary>The subscribe form for these filters (those a subscription can hold).</summary>
    public string SubscribeUrl => Asked(Offered.Where(Alerts.SubscriptionFilters.Allowed.Contains)) is { Count: > 0 } kept
        ? "/s/subscribe?" + string.Join('&', kept) : "/s/subscribe";

    /// <summary>The filters asked among <paramref name="names"/>, as `name=value` query parts.</summary>
    private List<string> Asked(IEnumerable<string> names) =>
        names.Select(name => (name, value: Value(name))).Where(f => f.value.Length > 0).Select(f => $"{f.name}={Uri.EscapeDataString(f.value)}").ToList();

    /// <summary>The page numbers to offer: the first, the last, and two either side of this one (0 stands for a gap).</summary>
    public IEnumerable<int> PageNumbers()
    {
        var shown = new SortedSet<int> { 1, LastPage };
        for (var n = Math.Max(1, Number - 2); n <= Math.Min(LastPage, Number + 2); n++)
        {
            shown.Add(n);
        }
        var previous = 0;
        foreach (var n in shown)
        {
            if (previous > 0 && n > previous + 1)
            {
                yield return 0;
            }
            yield return n;
            previous = n;
        }
    }
}
