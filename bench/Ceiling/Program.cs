// Usage: Ceiling <body-file> <content-type> --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var body = await File.ReadAllBytesAsync(args[0]);
var contentType = args[1];
app.Run(async http =>
{
    http.Response.ContentType = contentType;
    http.Response.ContentLength = body.Length;
    await http.Response.Body.WriteAsync(body);
});
await app.RunAsync();
