using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Importing;

/// <summary>
/// One row copied by `import-django`: which source row (table and id) became which row here. Written in the
/// same transaction as the rows it maps, so a run that stopped halfway is completed by the next one and
/// nothing is copied twice.
/// </summary>
public sealed class ImportedRow
{
    /// <summary>The source database (host:port/database), so two sources never share ids.</summary>
    public string Source { get; private set; } = "";
    public string SourceTable { get; private set; } = "";
    public long SourceId { get; private set; }
    public int TargetId { get; private set; }
    public DateTime ImportedAt { get; private set; }

    private ImportedRow() { }

    public static ImportedRow Of(string source, string sourceTable, long sourceId, int targetId, DateTime now) =>
        new() { Source = source, SourceTable = sourceTable, SourceId = sourceId, TargetId = targetId, ImportedAt = now };
}

internal sealed class ImportedRowConfiguration : IEntityTypeConfiguration<ImportedRow>
{
    public void Configure(EntityTypeBuilder<ImportedRow> b)
    {
        b.ToTable("import_django_row");
        b.HasKey(r => new { r.Source, r.SourceTable, r.SourceId });
        b.Property(r => r.Source).HasMaxLength(300);
        b.Property(r => r.SourceTable).HasMaxLength(64);
    }
}
