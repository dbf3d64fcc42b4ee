using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace CulturaLite.Api.Events;

/// <summary>
/// Word search served by each database's own index over <see cref="Event.SearchText"/>: every word
/// is required, each as the start of a word ("fest" finds "Festival").
/// PostgreSQL: the stored column <c>search_vector</c> (<c>array_to_tsvector(string_to_array(search_text, ' '))</c>,
/// kept by the database) under a GIN index, queried with prefix lexemes (the words are already folded,
/// so no text-search configuration re-reads them).
/// SQLite: the FTS5 table <c>events_event_fts</c> (tokenizer <c>unicode61 remove_diacritics 2</c>,
/// marks kept as word characters), kept in step by triggers.
/// </summary>
public static class EventSearch
{
    public static IQueryable<Event> Matching(IQueryable<Event> events, AppDbContext db, IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return events;
        }
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var query = words
                .Select(w => (NpgsqlTsQuery)new NpgsqlTsQueryLexeme(w, NpgsqlTsQueryLexeme.Weight.None, isPrefixSearch: true))
                .Aggregate((a, b) => new NpgsqlTsQueryAnd(a, b));
            return events.Where(e => EF.Property<NpgsqlTsVector>(e, PostgresAppDbContext.SearchVector).Matches(query));
        }
        // Words hold only letters, digits and marks, so quoting them is enough for FTS5's query syntax.
        var match = string.Join(" AND ", words.Select(w => "\"" + w + "\"*"));
        var hits = db.SearchHits.FromSqlRaw("SELECT rowid AS id FROM events_event_fts WHERE events_event_fts MATCH {0}", match)
            .Select(h => h.Id);
        return events.Where(e => hits.Contains(e.Id));
    }
}

/// <summary>A row id the SQLite full-text index answers with (not a table of the model).</summary>
public sealed class SearchHit
{
    public int Id { get; private set; }
}
