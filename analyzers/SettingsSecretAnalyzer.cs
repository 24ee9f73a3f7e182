using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace IdeogramGen.Analyzers
{
    /// <summary>
    /// IDG0302: an Ideogram API key or Cloudflare token in a settings file passed as an AdditionalFile
    /// (<c>appsettings*.json</c>, <c>launchSettings.json</c>). Keys are read the way
    /// <c>Microsoft.Extensions.Configuration.Json</c> flattens a file: nested objects and <c>:</c>-joined names at any
    /// level are the same key (<c>{"Ideogram": {"ApiKey": …}}</c> is <c>"Ideogram:ApiKey": …</c>), array items are
    /// numbered, and names compare without case. A key fires when its last part is <c>ApiKey</c>, <c>GatewayToken</c>
    /// or <c>CloudflareApiToken</c> below an <c>Ideogram</c> or <c>IdeogramGen</c> section (named clients included:
    /// <c>Ideogram:Images:ApiKey</c>), or when it is one of the environment variables the library reads
    /// (<c>IDEOGRAM_API_KEY</c>, <c>CF_AIG_TOKEN</c>, <c>CF_API_TOKEN</c>, e.g. under <c>environmentVariables</c>).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SettingsSecretAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] Sections = { "Ideogram", "IdeogramGen" };
        private static readonly string[] Keys = { "ApiKey", "GatewayToken", "CloudflareApiToken" };
        private static readonly string[] Variables =
        {
            HardCodedSecretAnalyzer.ApiKeyVariable, HardCodedSecretAnalyzer.TokenVariable, HardCodedSecretAnalyzer.CloudflareApiTokenVariable,
        };
        private const int MaxDepth = 64;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.SecretInSettings);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var options = start.Options.AnalyzerConfigOptionsProvider;
                if (HardCodedSecretAnalyzer.IsTestProject(start.Compilation, options) && HardCodedSecretAnalyzer.TestProjectsExempt(options, null))
                    return;
                start.RegisterAdditionalFileAction(AnalyzeFile);
            });
        }

        internal static bool IsSettingsFile(string path)
        {
            var name = Path.GetFileName(path);
            return (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                || string.Equals(name, "launchSettings.json", StringComparison.OrdinalIgnoreCase);
        }

        private static void AnalyzeFile(AdditionalFileAnalysisContext context)
        {
            var file = context.AdditionalFile;
            if (!IsSettingsFile(file.Path)) return;
            var text = file.GetText(context.CancellationToken);
            if (text == null) return;
            var root = JsonReader.Parse(text.ToString());
            if (root == null) return;
            var found = new List<(string Key, JsonValue Value)>();
            Flatten(root, "", 0, found);
            foreach (var (key, value) in found)
            {
                if (!IsSecretKey(key)) continue;
                var secret = SecretHeuristics.StripScheme(value.String!, out _);
                if (SecretHeuristics.IsExempt(secret) || SecretHeuristics.IsEnvironmentVariableName(secret)) continue;
                var span = new TextSpan(value.Start, value.Length);
                var location = Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
                context.ReportDiagnostic(Diagnostic.Create(Rules.SecretInSettings, location, key, Path.GetFileName(file.Path)));
            }
        }

        /// <summary>The string leaves of a JSON document under their configuration keys (<c>a:b:0:c</c>).</summary>
        internal static void Flatten(JsonValue value, string prefix, int depth, List<(string Key, JsonValue Value)> into)
        {
            if (depth > MaxDepth) return;
            if (value.String != null)
            {
                if (prefix.Length > 0) into.Add((prefix, value));
                return;
            }
            if (value.Properties != null)
                foreach (var (name, child) in value.Properties)
                    Flatten(child, prefix.Length == 0 ? name : prefix + ":" + name, depth + 1, into);
            else if (value.Items != null)
                for (int i = 0; i < value.Items.Count; i++)
                    Flatten(value.Items[i], (prefix.Length == 0 ? "" : prefix + ":") + i.ToString(System.Globalization.CultureInfo.InvariantCulture), depth + 1, into);
        }

        /// <summary>True for a configuration key that holds one of the library's secrets.</summary>
        internal static bool IsSecretKey(string key)
        {
            var parts = key.Split(':');
            var last = parts[parts.Length - 1];
            if (Matches(last, Variables)) return true;
            if (!Matches(last, Keys)) return false;
            for (int i = 0; i < parts.Length - 1; i++)
                if (Matches(parts[i], Sections)) return true;
            return false;
        }

        private static bool Matches(string name, string[] names)
        {
            foreach (var n in names)
                if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        /// <summary>A JSON value with its position; only what the check needs (objects and strings).</summary>
        internal sealed class JsonValue
        {
            public int Start;
            public int Length;
            public string? String;
            public List<(string Name, JsonValue Value)>? Properties;
            public List<JsonValue>? Items;
        }

        /// <summary>A small tolerant JSON reader (comments and trailing commas allowed, as in appsettings files).</summary>
        internal sealed class JsonReader
        {
            private readonly string _s;
            private int _i;

            private JsonReader(string s) { _s = s; }

            public static JsonValue? Parse(string s)
            {
                try
                {
                    var r = new JsonReader(s);
                    return r.Value(0);
                }
                catch (FormatException)
                {
                    return null;
                }
            }

            private JsonValue Value(int depth)
            {
                if (depth > 64) throw new FormatException();
                Skip();
                if (_i >= _s.Length) throw new FormatException();
                var start = _i;
                var c = _s[_i];
                if (c == '{') return Object(depth);
                if (c == '[')
                {
                    _i++;
                    var items = new List<JsonValue>();
                    while (true)
                    {
                        Skip();
                        if (_i >= _s.Length) throw new FormatException();
                        if (_s[_i] == ']') { _i++; break; }
                        items.Add(Value(depth + 1));
                        Skip();
                        if (_i < _s.Length && _s[_i] == ',') _i++;
                    }
                    return new JsonValue { Start = start, Length = _i - start, Items = items };
                }
                if (c == '"')
                {
                    var str = String();
                    return new JsonValue { Start = start, Length = _i - start, String = str };
                }
                while (_i < _s.Length && "{}[],:\" \t\r\n/".IndexOf(_s[_i]) < 0) _i++;
                if (_i == start) throw new FormatException();
                return new JsonValue { Start = start, Length = _i - start };
            }

            private JsonValue Object(int depth)
            {
                var start = _i;
                _i++;
                var props = new List<(string, JsonValue)>();
                while (true)
                {
                    Skip();
                    if (_i >= _s.Length) throw new FormatException();
                    if (_s[_i] == '}') { _i++; break; }
                    if (_s[_i] != '"') throw new FormatException();
                    var name = String();
                    Skip();
                    if (_i >= _s.Length || _s[_i] != ':') throw new FormatException();
                    _i++;
                    props.Add((name, Value(depth + 1)));
                    Skip();
                    if (_i < _s.Length && _s[_i] == ',') _i++;
                }
                return new JsonValue { Start = start, Length = _i - start, Properties = props };
            }

            private string String()
            {
                _i++;
                var sb = new System.Text.StringBuilder();
                while (_i < _s.Length && _s[_i] != '"')
                {
                    var c = _s[_i++];
                    if (c != '\\') { sb.Append(c); continue; }
                    if (_i >= _s.Length) throw new FormatException();
                    var e = _s[_i++];
                    switch (e)
                    {
                        case 'n': sb.Append('\n'); break;
                        case 't': sb.Append('\t'); break;
                        case 'r': sb.Append('\r'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'u':
                            if (_i + 4 > _s.Length) throw new FormatException();
                            sb.Append((char)Convert.ToInt32(_s.Substring(_i, 4), 16));
                            _i += 4;
                            break;
                        default: sb.Append(e); break;
                    }
                }
                if (_i >= _s.Length) throw new FormatException();
                _i++;
                return sb.ToString();
            }

            private void Skip()
            {
                while (_i < _s.Length)
                {
                    var c = _s[_i];
                    if (char.IsWhiteSpace(c)) { _i++; continue; }
                    if (c == '/' && _i + 1 < _s.Length && _s[_i + 1] == '/')
                    {
                        while (_i < _s.Length && _s[_i] != '\n') _i++;
                        continue;
                    }
                    if (c == '/' && _i + 1 < _s.Length && _s[_i + 1] == '*')
                    {
                        var end = _s.IndexOf("*/", _i + 2, StringComparison.Ordinal);
                        _i = end < 0 ? _s.Length : end + 2;
                        continue;
                    }
                    break;
                }
            }
        }
    }
}
