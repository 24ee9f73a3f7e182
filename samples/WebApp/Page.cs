using System.Net;
using System.Text;

namespace WebApp;

/// <summary>The one page: a prompt box, and the images of the last generation.</summary>
internal static class Page
{
    public static string Render(string? prompt, GenerateOutput? result, string? error)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>IdeogramGen sample</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}")
            .Append("input[type=text]{width:70%;padding:.5rem}img{max-width:100%;margin:.5rem 0}.error{color:#b00020}</style></head><body>");
        html.Append("<h1>Generate an image</h1><form method=\"post\" action=\"/\">");
        html.Append("<input type=\"text\" name=\"prompt\" required maxlength=\"10000\" placeholder=\"A serene lake at sunset\" value=\"")
            .Append(WebUtility.HtmlEncode(prompt ?? "")).Append("\"> <button type=\"submit\">Generate</button></form>");
        if (error != null) html.Append("<p class=\"error\">").Append(WebUtility.HtmlEncode(error)).Append("</p>");
        if (result != null)
        {
            foreach (var image in result.Images)
                html.Append("<figure><img src=\"").Append(WebUtility.HtmlEncode(image.Url)).Append("\" alt=\"").Append(WebUtility.HtmlEncode(result.Prompt))
                    .Append("\"><figcaption>seed ").Append(image.Seed).Append(", ").Append(WebUtility.HtmlEncode(image.Resolution ?? "")).Append("</figcaption></figure>");
            if (result.Withheld > 0) html.Append("<p>").Append(result.Withheld).Append(" image(s) withheld by Ideogram's safety check.</p>");
            html.Append("<p><small>gateway log id ").Append(WebUtility.HtmlEncode(result.LogId ?? "none")).Append("</small></p>");
        }
        html.Append("</body></html>");
        return html.ToString();
    }
}
