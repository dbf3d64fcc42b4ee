using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
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
        if (query.TryGetValue("page_size", out var sizeText)
            && int.TryParse(sizeText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var asked)
            && asked > 0)
        {
            size = Math.Min(asked, MaxSize);
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

    public static Page<T> Build<T>(IReadOnlyList<T> results, int count, int number, int lastPage, HttpRequest request) => new()
    {
        Count = count,
        Next = number < lastPage ? Link(request, number + 1) : null,
        Previous = number > 1 ? Link(request, number - 1) : null,
        Results = results,
    };

    private static string Link(HttpRequest request, int page)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        var replaced = false;
        foreach (var (key, values) in request.Query)
        {
            if (key == "page")
            {
                if (page > 1 && !replaced)
                {
                    parameters.Add(new(key, page.ToString(CultureInfo.InvariantCulture)));
                }
                replaced = true;
                continue;
            }
            foreach (var value in values)
            {
                parameters.Add(new(key, value));
            }
        }
        if (!replaced && page > 1)
        {
            parameters.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        }
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(parameters));
    }
}
