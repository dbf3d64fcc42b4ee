using CulturaLite.Api.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Moderation;

/// <summary>A rejection reason admins reuse ("Poster is blurry", "Add the venue").</summary>
public sealed class ReasonTemplate
{
    public const int TitleMaxLength = 100;

    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";

    private ReasonTemplate() { }

    public static ReasonTemplate Create(string title, string text) => new() { Title = title, Text = text };

    public void Change(string title, string text) => (Title, Text) = (title, text);

    public static int TextMaxLength => Event.ReasonMaxLength;
}

internal sealed class ReasonTemplateConfiguration : IEntityTypeConfiguration<ReasonTemplate>
{
    public void Configure(EntityTypeBuilder<ReasonTemplate> b)
    {
        b.ToTable("moderation_reason_template");
        b.Property(t => t.Title).HasMaxLength(ReasonTemplate.TitleMaxLength).IsRequired();
        b.Property(t => t.Text).HasMaxLength(Event.ReasonMaxLength).IsRequired();
    }
}
