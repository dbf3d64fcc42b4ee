using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>Saving a change that hangs off an event (a decision, a note, a report) while its vendor may be deleting it.</summary>
public static class EventSaves
{
    /// <summary>
    /// Saves; false when the save failed because the event was deleted meanwhile (the foreign key of a new
    /// row, or the version check of the event itself), so the caller answers 404 instead of a conflict.
    /// Any other failure is thrown as it was.
    /// </summary>
    public static async Task<bool> SaveUnlessEventGoneAsync(this AppDbContext db, int eventId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (!ApiExceptionHandler.IsDatabaseUnavailable(e))
        {
            db.ChangeTracker.Clear();
            if (await db.Events.AnyAsync(x => x.Id == eventId, CancellationToken.None))
            {
                throw;
            }
            return false;
        }
    }
}
