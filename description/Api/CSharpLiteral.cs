// Writing C# string literals, for the two programs that write C# from the description: description/Builder (the derived
// description and vocabulary) and the generator.
#nullable enable
using System.Globalization;
using System.Text;

namespace IdeogramGen.ApiDescription
{
    internal static class CSharpLiteral
    {
        /// <summary>A regular C# string literal; control and non-ASCII characters as <c>\uXXXX</c>, so output is ASCII.</summary>
        public static string Of(string s)
        {
            var sb = new StringBuilder(s.Length + 2).Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); break;
                    case '"': sb.Append("\\\""); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }
    }
}
