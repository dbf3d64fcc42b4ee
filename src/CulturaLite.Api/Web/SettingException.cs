namespace CulturaLite.Api.Web;

/// <summary>
/// A setting that is missing or invalid, found while the application is composed or started. Its
/// message names the setting and how to set it; Program prints it as one line and exits 1.
/// </summary>
public sealed class SettingException(string message) : Exception(message);
