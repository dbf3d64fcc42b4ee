using System.Runtime.CompilerServices;

namespace CulturaLite.Api.Tests.Infrastructure;

internal static class TestSetup
{
    /// <summary>
    /// Many in-process servers share this test process and SQLite's driver blocks its threads; without
    /// enough ready threads, "parallel" requests would start one by one and no race would be tested.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => ThreadPool.SetMinThreads(64, 64);
}
