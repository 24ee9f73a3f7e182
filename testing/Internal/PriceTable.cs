using System;
using System.Collections.Generic;
using System.Globalization;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Testing.Internal
{
    /// <summary>One priced request: what the emulator's <c>PriceQuote</c> says.</summary>
    internal sealed record QuotedPrice(string BillingIdentifier, int Quantity, long UsdMicros, long CreditMillis, bool Estimate, long? UpperBoundUsdMicros);

    /// <summary>
    /// The prices behind the emulator's answers to <c>?dry_run=true</c>, per image (or per call for the one-result
    /// routes), in millionths of a US dollar.
    /// </summary>
    /// <remarks>
    /// Where the numbers come from:
    /// <list type="bullet">
    /// <item>Ideogram's API pricing page (<c>https://ideogram.ai/features/api-pricing</c>) and its pricing guide
    /// (<c>https://ideogram.ai/blog/ideogram-api-pricing</c>, "prices ... from Ideogram's public pricing catalog as of
    /// November 16, 2026"): Ideogram 4.5 generate low/medium/high 0.03/0.06/0.10; precise edit very low/low/medium/high
    /// 0.008/0.03/0.06/0.22; Ideogram 4.0 turbo/default/quality 0.03/0.06/0.10 (also remix, "these rates apply to ...
    /// Remix"); Ideogram 3.0 turbo/default/quality 0.03/0.06/0.09 (the pricing page's
    /// "these rates apply to" list: Generate, Remix, Edit, Reframe, Replace Background; here generate, remix, reframe, replace background and
    /// inpaint, the "Edit" row: "tweak and alter parts of an image"); 3.0 with character reference 0.10/0.15/0.20 (same list;
    /// here inpaint 3.0 character, and generate 3.0 character, the pricing guide's "Generate with a character reference"
    /// row for <c>POST /v2/image/generate/ideogram-3-character</c>, and remix 3.0 character, the list's "Remix" row); 3.0 transparent
    /// 0.04/0.07/0.10; Ideogram 2.0 turbo/default 0.05/0.08 and 2a turbo/default 0.025/0.04 (the pricing page's "2.0
    /// Turbo", "2.0 Default", "2a Turbo" and "2a Default" rows, same list; here generate 2.0 and 2a); remove background 0.01; layerize text (<c>/v2/design/layerize/ideogram-3</c>, the pricing guide) 0.09 per call.</item>
    /// <item>Emulator values, not Ideogram's (no published price was found): Ideogram 4.5 generate at <c>very_low</c>
    /// (the precise-edit very-low price, 0.008), Ideogram 2.0 and 2a at <c>quality</c> (the v2 routes take it, the
    /// pricing page lists turbo and default only: the default price, 0.08 and 0.04), 4.0 transparent (the 3.0 transparent prices), P-Image (quoted as an
    /// <c>estimate</c>, Ideogram's qualifier for "a product priced from provider cost after inference", 0.005 per image
    /// at medium with an upper bound of twice that), generate with a custom 4.0 model (the 4.0 rates), generate, remix and inpaint with a custom 3.0 model (the 3.0 rates; the
    /// server picks the speed when none is sent, the emulator prices <c>default</c>), reframe auto (0.06), generate auto
    /// and remix auto (Ideogram picks the model, so quoted as an <c>estimate</c> of 0.06 per image with an upper bound of
    /// 0.10, the highest published 4.0 / 4.5 price), upscale auto (0.06 for x2, 0.08 x4, 0.10 x8),
    /// remove object (0.02); the billing identifiers (<c>{route model}/{tier}</c>); and the credit rate, 100 credits per
    /// US dollar (Ideogram prices credits at "the caller's own credit rate").</item>
    /// </list>
    /// The 3.0 transparent upscale factors (x2, x4) multiply nothing here: the pricing page prices them per factor, and the
    /// emulator charges the x1 price (an emulator simplification).
    /// </remarks>
    internal static class PriceTable
    {
        /// <summary>Emulator value: 100 credits per US dollar, so one credit is 10,000 usd_micros (and a credit_milli 10).</summary>
        public const long UsdMicrosPerCreditMilli = 10;

        private const long Usd = 1000000;

        private static readonly Dictionary<string, long> Speed40 = Tiers(("turbo", 30000), ("default", 60000), ("quality", 100000));
        private static readonly Dictionary<string, long> Speed30 = Tiers(("turbo", 30000), ("default", 60000), ("quality", 90000));
        private static readonly Dictionary<string, long> Character30 = Tiers(("turbo", 100000), ("default", 150000), ("quality", 200000));
        private static readonly Dictionary<string, long> Speed20 = Tiers(("turbo", 50000), ("default", 80000), ("quality", 80000));
        private static readonly Dictionary<string, long> Speed2a = Tiers(("turbo", 25000), ("default", 40000), ("quality", 40000));
        private static readonly Dictionary<string, long> Transparent = Tiers(("turbo", 40000), ("default", 70000), ("quality", 100000));
        private static readonly Dictionary<string, long> Quality45 = Tiers(("very_low", 8000), ("low", 30000), ("medium", 60000), ("high", 100000));
        private static readonly Dictionary<string, long> PreciseEdit = Tiers(("very_low", 8000), ("low", 30000), ("medium", 60000), ("high", 220000));
        private static readonly Dictionary<string, long> PImage = Tiers(("very_low", 2000), ("low", 3000), ("medium", 5000), ("high", 8000), ("very_high", 12000));
        private static readonly Dictionary<string, long> Upscale = Tiers(("x2", 60000), ("x4", 80000), ("x8", 100000));

        /// <summary>The price of a valid request to a dry-run route, or null for a route the table does not know.</summary>
        public static QuotedPrice? Quote(ApiEndpoint endpoint, ParsedRequest request)
        {
            string route = endpoint.Path.TrimStart('/');
            int images = Images(endpoint, request);
            string model = route.Substring(route.LastIndexOf('/') + 1);
            switch (route)
            {
                case "v2/image/generate/ideogram-4-5":
                    return PerImage(model, Tier(endpoint, request, "quality", "medium"), Quality45, images);
                case "v2/image/precise-edit/ideogram-4-5":
                    return PerImage("precise-edit-" + model, Tier(endpoint, request, "quality", "medium"), PreciseEdit, images);
                case "v2/image/generate/ideogram-4":
                case "v2/image/generate/ideogram-4-custom-model":
                case "v2/image/remix/ideogram-4":
                    return PerImage(model, Tier(endpoint, request, "rendering_speed", "default"), Speed40, images);
                case "v2/image/generate/ideogram-4-transparent":
                case "v2/image/generate/ideogram-3-transparent":
                    return PerImage(model, Tier(endpoint, request, "rendering_speed", "default"), Transparent, images);
                case "v2/image/generate/ideogram-3":
                case "v2/image/generate/ideogram-3-custom-model":
                    return PerImage(model, Tier(endpoint, request, "rendering_speed", "default"), Speed30, images);
                case "v2/image/generate/ideogram-2":
                    return PerImage(model, Tier(endpoint, request, "rendering_speed", "default"), Speed20, images);
                case "v2/image/generate/ideogram-2a":
                    return PerImage(model, Tier(endpoint, request, "rendering_speed", "default"), Speed2a, images);
                case "v2/image/reframe/ideogram-3":
                    return PerImage("reframe-" + model, Tier(endpoint, request, "rendering_speed", "default"), Speed30, images);
                case "v2/image/inpaint/ideogram-3":
                case "v2/image/inpaint/ideogram-3-custom-model":
                    return PerImage("inpaint-" + model, Tier(endpoint, request, "rendering_speed", "default"), Speed30, images);
                case "v2/image/inpaint/ideogram-3-character":
                    return PerImage("inpaint-" + model, Tier(endpoint, request, "rendering_speed", "default"), Character30, images);
                case "v2/image/generate/ideogram-3-character":
                    return PerImage(model, Tier(endpoint, request, "rendering_speed", "default"), Character30, images);
                case "v2/image/remix/ideogram-3":
                case "v2/image/remix/ideogram-3-custom-model":
                    return PerImage("remix-" + model, Tier(endpoint, request, "rendering_speed", "default"), Speed30, images);
                case "v2/image/remix/ideogram-3-character":
                    return PerImage("remix-" + model, Tier(endpoint, request, "rendering_speed", "default"), Character30, images);
                case "v2/image/replace-background/ideogram-3":
                    return PerImage("replace-background-" + model, Tier(endpoint, request, "rendering_speed", "default"), Speed30, images);
                case "v2/image/generate/p-image-ideogram":
                {
                    var price = PerImage(model, Tier(endpoint, request, "quality", "medium"), PImage, images);
                    return price is null ? null : price with { Estimate = true, UpperBoundUsdMicros = price.UsdMicros * 2 };
                }
                case "v2/image/generate/auto":
                {
                    var price = Flat("generate-auto", 60000, images);
                    return price with { Estimate = true, UpperBoundUsdMicros = checked(100000L * images) };
                }
                case "v2/image/remix/auto":
                {
                    var price = Flat("remix-auto", 60000, images);
                    return price with { Estimate = true, UpperBoundUsdMicros = checked(100000L * images) };
                }
                case "v2/image/reframe/auto":
                    return Flat("reframe-auto", 60000, images);
                case "v2/image/upscale/auto":
                    return PerImage("upscale-auto", Tier(endpoint, request, "upscale_factor", "x2"), Upscale, 1);
                case "v2/image/remove-background/ideogram-1":
                    return Flat("remove-background-ideogram-1", 10000, 1);
                case "v2/design/layerize/ideogram-3":
                    return Flat("layerize-ideogram-3", 90000, 1);
                case "v2/image/remove-object/ideogram-1":
                    return Flat("remove-object-ideogram-1", 20000, 1);
                default:
                    return null;
            }
        }

        /// <summary>The PriceQuote body: <c>{"object":"price_quote",...}</c> (OpenAPI document of 2026-10-07, schema <c>PriceQuote</c>).</summary>
        public static string Body(QuotedPrice price)
        {
            string Number(long v) => v.ToString(CultureInfo.InvariantCulture);
            return "{\"object\":\"price_quote\",\"billing_identifier\":" + WireBodies.Quote(price.BillingIdentifier)
                + ",\"quantity\":" + price.Quantity.ToString(CultureInfo.InvariantCulture)
                + ",\"usd_micros\":" + Number(price.UsdMicros)
                + ",\"credit_millis\":" + Number(price.CreditMillis)
                + ",\"qualifier\":\"" + (price.Estimate ? "estimate" : "exact") + "\""
                + (price.UpperBoundUsdMicros is long upper ? ",\"upper_bound_usd_micros\":" + Number(upper) : "")
                + "}";
        }

        private static int Images(ApiEndpoint endpoint, ParsedRequest request)
        {
            string? text = request.Text("num_images") ?? endpoint.Field("num_images")?.Default;
            return text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 1;
        }

        private static string Tier(ApiEndpoint endpoint, ParsedRequest request, string field, string fallback) =>
            request.Text(field) ?? endpoint.Field(field)?.Default ?? fallback;

        private static QuotedPrice? PerImage(string product, string tier, Dictionary<string, long> tiers, int quantity) =>
            tiers.TryGetValue(tier, out long each) ? Flat(product + "/" + tier, each, quantity) : null;

        private static QuotedPrice Flat(string product, long each, int quantity)
        {
            long usd = checked(each * quantity);
            return new QuotedPrice(product, quantity, usd, usd / UsdMicrosPerCreditMilli, false, null);
        }

        private static Dictionary<string, long> Tiers(params (string Tier, long UsdMicros)[] rows)
        {
            var map = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (tier, micros) in rows)
            {
                if (micros <= 0 || micros > Usd) throw new ArgumentOutOfRangeException(nameof(rows), tier);
                map[tier] = micros;
            }
            return map;
        }
    }
}
