using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Events;

/// <summary>A category as lists and lookups need it.</summary>
public sealed record CategoryRef(int Id, string Name, string Slug)
{
    /// <summary>
    /// The one rule for naming a category, in submissions and in filters: its id (digits), else its slug,
    /// else its name, case-insensitively; null when none matches.
    /// </summary>
    public static CategoryRef? Find(IReadOnlyCollection<CategoryRef> all, string text)
    {
        var byId = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? all.FirstOrDefault(c => c.Id == id) : null;
        return byId
               ?? all.FirstOrDefault(c => string.Equals(c.Slug, text, StringComparison.OrdinalIgnoreCase))
               ?? all.FirstOrDefault(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class Category
{
    public const int NameMaxLength = 100;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";

    private Category() { }

    public static Category Create(string name, string? slug = null)
    {
        var category = new Category();
        category.Rename(name, slug);
        return category;
    }

    public void Rename(string name, string? slug = null)
    {
        Name = name.Trim();
        Slug = string.IsNullOrWhiteSpace(slug) ? Slugify(Name) : Slugify(slug);
    }

    /// <summary>Django's slugify: ASCII letters, digits, hyphens and underscores, lower case.</summary>
    public static string Slugify(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                if (pendingDash && sb.Length > 0)
                {
                    sb.Append('-');
                }
                pendingDash = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c == '-' || char.IsWhiteSpace(c))
            {
                pendingDash = true;
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // accents dropped after decomposition: "Café" -> "cafe"
            }
        }
        return sb.ToString().Trim('-', '_');
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("events_category");
        b.Property(c => c.Name).HasMaxLength(Category.NameMaxLength).IsRequired();
        b.Property(c => c.Slug).HasMaxLength(Category.NameMaxLength + 20).IsRequired();
        b.HasIndex(c => c.Name).IsUnique();
        b.HasIndex(c => c.Slug).IsUnique();
    }
}

public static class CategorySeed
{
    public static readonly string[] Names =
    [
        "Music", "Dance", "Theatre", "Art & Exhibitions", "Comedy", "Film",
        "Food & Drink", "Festivals", "Literature", "Workshops",
    ];

    /// <summary>Adds the standard categories when the table is empty; an admin's later edits are kept.</summary>
    public static async Task EnsureAsync(Data.AppDbContext db, CancellationToken ct)
    {
        if (await db.Categories.AnyAsync(ct))
        {
            return;
        }
        db.Categories.AddRange(Names.Select(n => Category.Create(n)));
        await db.SaveChangesAsync(ct);
    }
}
