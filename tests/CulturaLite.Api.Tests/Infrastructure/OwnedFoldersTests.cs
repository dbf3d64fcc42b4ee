using System.Diagnostics;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>A test run's scratch folders go with it, even when the test host is killed.</summary>
public sealed class OwnedFoldersTests
{
    [Fact]
    public async Task A_scratch_folder_is_removed_when_its_owner_process_is_killed()
    {
        // Stands in for a test host: a process we can kill without ceremony.
        using var owner = Process.Start(new ProcessStartInfo("sleep", ["300"]))!;
        var root = OwnedFolders.Create(TestScratch.Prefix, owner.Id);
        Directory.CreateDirectory(Path.Combine(root, "tests", "media"));
        await File.WriteAllTextAsync(Path.Combine(root, "tests", "test.db"), "x");
        OwnedFolders.Watch(owner.Id, root);

        await Task.Delay(1500);
        Assert.True(Directory.Exists(root), "removed while its owner still runs");
        owner.Kill();
        await owner.WaitForExitAsync();

        Assert.True(await OwnedFolders.WaitGoneAsync(root, TimeSpan.FromSeconds(15)), $"{root} is still there");
    }

    [Fact]
    public async Task Folders_of_dead_runs_are_removed_at_the_next_start_and_those_of_live_runs_kept()
    {
        using var finished = Process.Start(new ProcessStartInfo("true"))!;
        await finished.WaitForExitAsync();
        using var running = Process.Start(new ProcessStartInfo("sleep", ["300"]))!;
        try
        {
            // Folders no watchdog removed (the machine stopped first): one of a dead run, one of a live one.
            var dead = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"{TestScratch.Prefix}-{finished.Id}-{Guid.NewGuid():N}"[..40])).FullName;
            var live = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"{TestScratch.Prefix}-{running.Id}-{Guid.NewGuid():N}"[..40])).FullName;
            Directory.CreateDirectory(Path.Combine(dead, "smtp", "new"));

            var next = OwnedFolders.Create(TestScratch.Prefix, Environment.ProcessId);

            Assert.False(Directory.Exists(dead), $"{dead} is still there");
            Assert.True(Directory.Exists(live), "a live run's folder was removed");
            OwnedFolders.Delete(live);
            OwnedFolders.Delete(next);
        }
        finally
        {
            running.Kill();
        }
    }
}
