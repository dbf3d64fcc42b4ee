using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// Gives every new account its organizer slug as it is saved, whichever path creates it (registration,
/// `createsuperuser`, `import-django`): the name in Django's slug form (`sabha-of-chennai`), `-2`, `-3` ... when taken,
/// `organizer` for a name without Latin letters. Made once: a rename keeps the slug, so shared links keep working.
/// </summary>
public sealed class OrganizerSlugs : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            await AssignAsync(db, q => q.ToListAsync(cancellationToken));
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
        {
            // Synchronous all the way: the loader below completes before it returns.
            AssignAsync(db, q => Task.FromResult(q.ToList())).GetAwaiter().GetResult();
        }
        return result;
    }

    /// <summary>The slug form of a name (at most <see cref="User.SlugMaxLength"/> less room for a suffix).</summary>
    public static string Base(string name)
    {
        var slug = Events.Category.Slugify(name);
        slug = slug.Any(char.IsAsciiLetter) ? slug : "organizer";
        return slug.Length > User.SlugMaxLength - 8 ? slug[..(User.SlugMaxLength - 8)].TrimEnd('-') : slug;
    }

    private static async Task AssignAsync(AppDbContext db, Func<IQueryable<string>, Task<List<string>>> load)
    {
        // Every account being added, also one whose earlier save lost its slug to a racing registration (Registration retries).
        var added = db.ChangeTracker.Entries<User>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        foreach (var user in added)
        {
            var stem = Base(user.OrganizerName);
            var taken = (await load(db.Users.AsNoTracking().Where(u => u.Slug == stem || u.Slug!.StartsWith(stem + "-")).Select(u => u.Slug!)))
                .Concat(db.ChangeTracker.Entries<User>().Where(e => e.Entity != user).Select(e => e.Entity.Slug).OfType<string>()).ToHashSet(StringComparer.Ordinal);
            var slug = stem;
            for (var n = 2; taken.Contains(slug); n++)
            {
                slug = $"{stem}-{n}";
            }
            user.NameSlug(slug);
        }
    }
}
