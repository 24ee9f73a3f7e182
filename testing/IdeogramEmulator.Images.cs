using System;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace IdeogramGen.Testing
{
    public sealed partial class IdeogramEmulator
    {
        private const string ImagePrefix = "/ephemeral/", ImageSuffix = ".png";

        /// <summary><c>GET {root}ephemeral/{id}.png?exp=…&amp;sig=…</c>: 404 for an unknown id, 403 for a wrong signature or an expired link, else the PNG.</summary>
        private async Task HandleImageAsync(HttpContext context, string path)
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.Headers["Allow"] = "GET, HEAD";
                await WriteAsync(context, 405, WireBodies.MethodNotAllowed, WireBodies.Json).ConfigureAwait(false);
                return;
            }
            if (!path.EndsWith(ImageSuffix, StringComparison.Ordinal) || path.Length <= ImagePrefix.Length + ImageSuffix.Length)
            {
                await WriteAsync(context, 404, WireBodies.NotFound, WireBodies.Json).ConfigureAwait(false);
                return;
            }
            string id = path.Substring(ImagePrefix.Length, path.Length - ImagePrefix.Length - ImageSuffix.Length);
            var query = context.Request.Query;
            switch (_images.Resolve(id, query["exp"].ToString(), query["sig"].ToString(), Now, out var spec))
            {
                case ImageLookup.NotFound:
                    await WriteAsync(context, 404, WireBodies.NotFound, WireBodies.Json).ConfigureAwait(false);
                    return;
                case ImageLookup.BadSignature:
                    await WriteAsync(context, 403, WireBodies.IdeogramError("Invalid signature"), WireBodies.Json).ConfigureAwait(false);
                    return;
                case ImageLookup.Expired:
                    await WriteAsync(context, 403, WireBodies.IdeogramError("Link expired"), WireBodies.Json).ConfigureAwait(false);
                    return;
            }
            byte[] png = _images.GetPng(spec);
            var fault = HttpMethods.IsGet(context.Request.Method) ? Faults.TakeImageFault() : null;
            if (fault is { Kind: EmulatorFaultKind.HoldImageFirstByte } && !await HoldAsync(context, fault.Gate!).ConfigureAwait(false)) return;
            Interlocked.Increment(ref _imageDownloads);
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "image/png";
            response.ContentLength = png.Length;
            response.Headers["Cache-Control"] = "private, max-age=3600";
            if (HttpMethods.IsHead(context.Request.Method)) return;
            if (fault is { Kind: EmulatorFaultKind.HoldImageBody })
            {
                await WriteHeldBodyAsync(context, png, "image/png", fault.Gate!, fault.HoldAfterBytes).ConfigureAwait(false);
                return;
            }
            if (fault is null or { Kind: EmulatorFaultKind.HoldImageFirstByte })
            {
                await response.Body.WriteAsync(png, context.RequestAborted).ConfigureAwait(false);
                return;
            }
            const int Chunks = 20;
            int chunkSize = Math.Max(1, (png.Length + Chunks - 1) / Chunks);
            var pause = TimeSpan.FromTicks(fault.Delay.Ticks / Chunks);
            for (int offset = 0; offset < png.Length; offset += chunkSize)
            {
                await response.Body.WriteAsync(png.AsMemory(offset, Math.Min(chunkSize, png.Length - offset)), context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                await Task.Delay(pause, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
