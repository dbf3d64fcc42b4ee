using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace CulturaLite.Api.Web;

/// <summary>DRF's PageNumberPagination response.</summary>
public class Page<T>
{
    public required int Count { get; init; }
    public required string? Next { get; init; }
    public required string? Previous { get; init; }
    public required IReadOnlyList<T> Results { get; init; }

    /// <summary>The same page with its items replaced (for values computed after the query).</summary>
    public Page<T> With(IReadOnlyList<T> results) => new() { Count = Count, Next = Next, Previous = Previous, Results = results };

    /// <summary>The same page with each item mapped to what the response shows.</summary>
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new() { Count = Count, Next = Next, Previous = Previous, Results = Results.Select(map).ToList() };
}

/// <summary>`?page=N&amp;page_size=M` as DRF reads them: default 20, at most 100.</summary>
public readonly record struct PageRequest(int Number, int Size)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>False when `page` is not a positive whole number (DRF answers 404 "Invalid page.").</summary>
    public static bool TryParse(IQueryCollection query, out PageRequest request)
    {
        request = default;
        var number = 1;
        if (query.TryGetValue("page", out var pageText) && !StringValues.IsNullOrEmpty(pageText))
        {
            var raw = pageText.ToString();
            // DRF accepts the word "last" as the last page; it is resolved once the count is known.
            if (raw == "last")
            {
                number = int.MaxValue;
            }
            else if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1)
            {
                return false;
            }
        }
        var size = DefaultSize;
        if (query.TryGetValue("page_size", out var sizeText) && sizeText.ToString() is { Length: > 0 } digits
            && digits.All(char.IsAsciiDigit) && digits.Any(d => d != '0'))
        {
            // However many digits: DRF's max_page_size caps any larger number.
            size = digits.TrimStart('0').Length > 3 ? MaxSize : Math.Min(int.Parse(digits, CultureInfo.InvariantCulture), MaxSize);
        }
        request = new PageRequest(number, size);
        return true;
    }
}

public static class Pagination
{
    public static ObjectResult InvalidPage() => ProblemConventions.NotFound("Invalid page.");

    /// <summary>Counts, pages and builds absolute next/previous links; null when the page does not exist.</summary>
    public static async Task<Page<T>?> ToPageAsync<T>(this IQueryable<T> query, HttpRequest request, CancellationToken ct)
    {
        if (!PageRequest.TryParse(request.Query, out var page))
        {
            return null;
        }
        var count = await query.CountAsync(ct);
        return await query.ToPageAsync(count, page, request, ct);
    }

    public static async Task<Page<T>?> ToPageAsync<T>(this IQueryable<T> query, int count, PageRequest page, HttpRequest request, CancellationToken ct)
    {
        var lastPage = Math.Max(1, (count + page.Size - 1) / page.Size);
        var number = page.Number == int.MaxValue && request.Query["page"] == "last" ? lastPage : page.Number;
        if (number > lastPage)
        {
            return null;
        }
        var results = count == 0
            ? []
            : await query.Skip((number - 1) * page.Size).Take(page.Size).ToListAsync(ct);
        return Build(results, count, number, lastPage, request);
    }

    /// <param name="results">The page's items.</param>
    /// <param name="count">Items in the whole list.</param>
    /// <param name="number">This page's number.</param>
    /// <param name="lastPage">The last page's number.</param>
    /// <param name="request">The request, whose parameters the links keep.</param>
    /// <param name="reads">The parameters the endpoint reads; null: those its <see cref="ReadsQueryAttribute"/> names.</param>
    public static Page<T> Build<T>(IReadOnlyList<T> results, int count, int number, int lastPage, HttpRequest request, IEnumerable<string>? reads = null)
    {
        reads ??= request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ReadsQueryAttribute>()?.Names ?? [];
        return new()
        {
            Count = count,
            Next = number < lastPage ? Link(request, number + 1, reads) : null,
            Previous = number > 1 ? Link(request, number - 1, reads) : null,
            Results = results,
        };
    }

    /// <summary>
    /// The request's URL with only <paramref name="keys"/> kept, ordered by name (values in their order), and
    /// <paramref name="overrides"/> set: what links and cache entries built from one visitor's request may carry.
    /// </summary>
    public static string CanonicalUrl(HttpRequest request, string baseUrl, IEnumerable<string> keys, params (string Key, string? Value)[] overrides)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        foreach (var key in keys.Concat(overrides.Select(o => o.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (overrides.Any(o => o.Key == key))
            {
                if (overrides.First(o => o.Key == key).Value is { } value)
                {
                    parameters.Add(new(key, value));
                }
                continue;
            }
            foreach (var value in request.Query[key])
            {
                parameters.Add(new(key, value));
            }
        }
        return baseUrl + request.PathBase + request.Path + QueryString.Create(parameters);
    }

    private static string Link(HttpRequest request, int page, IEnumerable<string> reads) =>
        CanonicalUrl(request, $"{request.Scheme}://{request.Host.ToUriComponent()}", reads.Append("page_size"),
            ("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null));
}
