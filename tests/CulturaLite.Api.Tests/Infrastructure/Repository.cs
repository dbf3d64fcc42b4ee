namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>Files of the repository the tests read (the nginx site, Program.cs).</summary>
public static class Repository
{
    /// <summary>The folder that holds CulturaLite.slnx, found above the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CulturaLite.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (CulturaLite.slnx) was not found above the test binaries");
    }
}
