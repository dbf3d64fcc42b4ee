using CulturaLite.Api.Data;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Data;

/// <summary>
/// SQLite's FTS5 search index is kept by triggers on events_event; a SQLite migration that rebuilds the table (adding a
/// foreign key does) drops them. PostgreSQL indexes the column itself, so this is SQLite's alone.
/// </summary>
public sealed class SqliteSearchTriggerTests(SqliteApiFactory factory) : ApiTest(factory), IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task The_search_index_triggers_survive_every_migration()
    {
        _ = Client();
        var triggers = await WithDb(db => db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events_event'").ToListAsync());
        Assert.Equal(SqliteSearchTriggers.Names.Order(), triggers.Order());
    }
}
