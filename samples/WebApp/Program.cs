using System.Net;
using IdeogramGen;
using IdeogramGen.Generated.WebApp;
using IdeogramGen.Extensions;
using WebApp;

var builder = WebApplication.CreateBuilder(args);

// The client: settings from the "Ideogram" section (key from user secrets or Ideogram__ApiKey), validated at start,
// the host's logging, billing-safe resilience, and a health check that bills nothing.
builder.Services.AddIdeogramGateway<Images>().AddIdeogramResilienceHandler();
builder.Services.AddHealthChecks().AddIdeogramGateway<Images>();

// By default the client calls the local emulator (no keys needed, nothing billed).
if (builder.Configuration.GetValue("WebApp:UseEmulator", true))
{
    builder.Services.AddSingleton<SampleEmulator>();
    builder.Services.AddOptions<IdeogramClientOptions>(nameof(Images)).Configure<SampleEmulator>((o, emulator) =>
    {
        o.GatewayRoot = emulator.Root;
        o.ApiKey = emulator.Key;
    });
}

builder.Services.AddHttpClient(ImageStore.DownloadClient);
builder.Services.AddSingleton<ImageStore>();

var app = builder.Build();

app.MapGet("/", () => Results.Content(Page.Render(null, null, null), "text/html; charset=utf-8"));

// The page's form posts here; the answer is the same page with the images.
app.MapPost("/", async (HttpRequest request, Images images, ImageStore store, CancellationToken cancellationToken) =>
{
    var form = await request.ReadFormAsync(cancellationToken);
    var prompt = form["prompt"].ToString();
    try
    {
        var result = await Generate(images, store, prompt, cancellationToken);
        return Results.Content(Page.Render(prompt, result, null), "text/html; charset=utf-8");
    }
    catch (Exception ex) when (ex is IdeogramGenException || ex is IdeogramValidationException)
    {
        return Results.Content(Page.Render(prompt, null, ex.Message), "text/html; charset=utf-8", statusCode: StatusCode(ex));
    }
}).DisableAntiforgery();

// The same as JSON: POST /api/generate {"prompt": "..."} → {"images": [{"url": "/images/<id>", "seed": 1}], ...}
app.MapPost("/api/generate", async (GenerateInput input, Images images, ImageStore store, CancellationToken cancellationToken) =>
{
    try
    {
        return Results.Ok(await Generate(images, store, input.Prompt ?? "", cancellationToken));
    }
    catch (Exception ex) when (ex is IdeogramGenException || ex is IdeogramValidationException)
    {
        return Results.Problem(ex.Message, statusCode: StatusCode(ex));
    }
});

app.MapGet("/images/{id}", (string id, ImageStore store) =>
    store.Get(id) is byte[] png ? Results.File(png, "image/png") : Results.NotFound());

app.MapHealthChecks("/health");

app.Run();

static async Task<GenerateOutput> Generate(Images images, ImageStore store, string prompt, CancellationToken cancellationToken)
{
    var result = await images.GenerateV3Async(new GenerateV3Request { Prompt = prompt, RenderingSpeed = RenderingSpeed.Turbo }, cancellationToken: cancellationToken);
    var shown = new List<GeneratedImageOutput>();
    foreach (var image in result.Data)
    {
        if (image.IsWithheld) continue;
        var id = await store.AddAsync(image.Url!, cancellationToken);
        shown.Add(new GeneratedImageOutput("/images/" + id, image.Seed, image.Resolution.ToString()));
    }
    return new GenerateOutput(prompt, shown, result.WithheldCount, result.Gateway.LogId);
}

static int StatusCode(Exception ex) => ex switch
{
    IdeogramValidationException => (int)HttpStatusCode.BadRequest,
    IdeogramGenException { StatusCode: 422 } => (int)HttpStatusCode.UnprocessableEntity,
    _ => (int)HttpStatusCode.BadGateway,
};

/// <summary>The JSON request of <c>POST /api/generate</c>.</summary>
public sealed record GenerateInput(string? Prompt);

/// <summary>One generated image as the app serves it.</summary>
public sealed record GeneratedImageOutput(string Url, long? Seed, string? Resolution);

/// <summary>The answer of <c>POST /api/generate</c>.</summary>
public sealed record GenerateOutput(string Prompt, IReadOnlyList<GeneratedImageOutput> Images, int Withheld, string? LogId);

/// <summary>The entry point's type, for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program { }
