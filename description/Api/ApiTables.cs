// The reader of the description's tables as IdeogramApi.g.cs holds them: text, one record per line, read once per
// process. A table written as C# object initializers is one static constructor of some 400 KB of IL, which a compiler
// process JIT-compiles before the first file is analyzed or generated (about 60-120 ms, in the generator and again in
// the analyzers); this reader is a few small methods, and the text reads in a few milliseconds.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;

namespace IdeogramGen.ApiDescription
{
    /// <summary>
    /// The description's tables, read from their text form. Each line is one record: a tag, then its values, separated
    /// by <c>|</c>. Tags: <c>P</c> palette, <c>E</c> vocabulary, <c>S</c> response shape (its <c>p</c> properties
    /// follow), <c>D</c> endpoint (its <c>a</c> parameters, <c>f</c> fields and <c>r</c> rules follow), <c>R</c> request
    /// shape (its <c>f</c> fields and <c>r</c> rules follow). Values: text with <c>\\</c>, <c>\|</c>, <c>\^</c>,
    /// <c>\n</c>, <c>\r</c> and <c>\t</c> escaped; <c>\-</c> for null; <c>1</c>/<c>0</c> for booleans; invariant
    /// numbers; lists as their count, <c>:</c>, then the items separated by <c>^</c>; enumeration members by name.
    /// The builder writes every property of every record in the order this reader reads them, and refuses to write
    /// tables this reader does not read back to the same values.
    /// </summary>
    internal sealed class ApiTables
    {
        public List<ApiPalette> Palettes { get; } = new List<ApiPalette>();
        public List<ApiEnum> Enums { get; } = new List<ApiEnum>();
        public List<ApiSchema> Schemas { get; } = new List<ApiSchema>();
        public List<ApiEndpoint> Endpoints { get; } = new List<ApiEndpoint>();
        public List<ApiRequestSchema> RequestSchemas { get; } = new List<ApiRequestSchema>();

        public const char Separator = '|';
        public const char ItemSeparator = '^';
        public const char Escape = '\\';
        public const string Null = "\\-";

        /// <summary>Reads the tables of <paramref name="text"/>.</summary>
        /// <exception cref="FormatException">A line is not a record of this form (the text was edited by hand).</exception>
        public static ApiTables Read(string text)
        {
            var tables = new ApiTables();
            var line = new LineReader(text);
            ApiSchema? schema = null;
            List<ApiProperty>? properties = null;
            List<ApiParameter>? parameters = null;
            List<ApiField>? fields = null;
            List<ApiRule>? rules = null;
            Action? close = null;
            while (line.Next())
            {
                switch (line.Tag)
                {
                    case 'P':
                        close?.Invoke();
                        close = null;
                        tables.Palettes.Add(new ApiPalette
                        {
                            Schema = line.Text(), TypeName = line.Text(), Source = line.Text(), MinMembers = line.Int(), MaxMembers = line.Int(),
                            MinWeight = line.Double(), MaxWeight = line.Double(), HexPattern = line.Text(), PresetEnum = line.Text(),
                        });
                        break;
                    case 'E':
                        close?.Invoke();
                        close = null;
                        tables.Enums.Add(new ApiEnum
                        {
                            Name = line.Text(), TypeName = line.Text(), MemberPrefix = line.Text(), Values = line.Texts()!, Members = line.Texts()!,
                            Default = line.OptionalText(), Description = line.Text(), Obsolete = line.Pairs(), Aliases = line.Pairs(), Source = line.Text(),
                        });
                        break;
                    case 'S':
                    {
                        close?.Invoke();
                        var s = new ApiSchema { Name = line.Text(), TypeName = line.Text(), Description = line.Text(), Source = line.Text() };
                        var list = properties = new List<ApiProperty>();
                        schema = s;
                        tables.Schemas.Add(s);
                        close = () => s.Properties = list.ToArray();
                        break;
                    }
                    case 'p':
                        if (schema == null || properties == null) throw line.Error("a property outside a response shape");
                        properties.Add(new ApiProperty
                        {
                            Name = line.Text(), Member = line.Text(), Kind = line.Enum<ValueKind>(), Ref = line.OptionalText(), Required = line.Bool(),
                            Nullable = line.Bool(), Pattern = line.OptionalText(), Description = line.Text(),
                        });
                        break;
                    case 'D':
                    {
                        close?.Invoke();
                        var e = new ApiEndpoint
                        {
                            Name = line.Text(), Path = line.Text(), Family = line.Text(), OperationId = line.Text(), Summary = line.Text(),
                            Description = line.Text(), AcceptsJson = line.Bool(), AcceptsMultipart = line.Bool(), Encoding = line.Enum<BodyEncoding>(),
                            Wrapper = line.OptionalText(), Deprecated = line.Bool(), DeprecationMessage = line.OptionalText(), Response = line.Text(),
                            ErrorStatuses = line.Ints(), Source = line.Text(), Method = line.Text(), Mode = line.Enum<EndpointMode>(),
                            PollPath = line.OptionalText(), SyncTwin = line.OptionalText(), DryRun = line.Bool(), AsyncCapable = line.Bool(),
                            ApiVersion = line.Text(), DocumentDate = line.Text(),
                        };
                        var p = parameters = new List<ApiParameter>();
                        var f = fields = new List<ApiField>();
                        var r = rules = new List<ApiRule>();
                        tables.Endpoints.Add(e);
                        schema = null;
                        close = () => { e.Parameters = p.ToArray(); e.Fields = f.ToArray(); e.Rules = r.ToArray(); };
                        break;
                    }
                    case 'R':
                    {
                        close?.Invoke();
                        var s = new ApiRequestSchema { Name = line.Text(), TypeName = line.Text(), Description = line.Text(), Source = line.Text() };
                        var f = fields = new List<ApiField>();
                        var r = rules = new List<ApiRule>();
                        parameters = null;
                        schema = null;
                        tables.RequestSchemas.Add(s);
                        close = () => { s.Fields = f.ToArray(); s.Rules = r.ToArray(); };
                        break;
                    }
                    case 'a':
                        if (parameters == null) throw line.Error("a parameter outside an endpoint");
                        parameters.Add(new ApiParameter
                        {
                            Name = line.Text(), Member = line.Text(), In = line.Text(), Kind = line.Enum<ValueKind>(), Required = line.Bool(),
                            MaxLength = line.OptionalInt(), Format = line.OptionalText(), Default = line.OptionalText(), Description = line.Text(),
                            Source = line.Text(),
                        });
                        break;
                    case 'f':
                        if (fields == null) throw line.Error("a field outside an endpoint or a request shape");
                        fields.Add(new ApiField
                        {
                            Name = line.Text(), Member = line.Text(), Kind = line.Enum<ValueKind>(), Enum = line.OptionalText(), Ref = line.OptionalText(),
                            Palette = line.OptionalText(), Required = line.Bool(), InWrapper = line.Bool(), Minimum = line.OptionalLong(),
                            Maximum = line.OptionalLong(), MinimumNumber = line.OptionalDouble(), ExclusiveMinimum = line.Bool(),
                            MaximumNumber = line.OptionalDouble(), Pattern = line.OptionalText(), MaxLength = line.OptionalInt(), MinItems = line.OptionalInt(),
                            MaxItems = line.OptionalInt(), Default = line.OptionalText(), AllowedValues = line.Texts(), MaxBytes = line.OptionalLong(),
                            MediaTypes = line.MediaTypes(), PartContentType = line.OptionalText(), Description = line.Text(), Source = line.Text(),
                        });
                        break;
                    case 'r':
                        if (rules == null) throw line.Error("a rule outside an endpoint or a request shape");
                        rules.Add(new ApiRule
                        {
                            Kind = line.Enum<RuleKind>(), Fields = line.Texts()!, WhenField = line.OptionalText(), WhenValues = line.Texts()!,
                            Message = line.Text(), Source = line.Text(),
                        });
                        break;
                    default:
                        throw line.Error("an unknown tag");
                }
                line.End();
            }
            close?.Invoke();
            return tables;
        }

        /// <summary>The values of one line, in order.</summary>
        private struct LineReader
        {
            private readonly string _text;
            private int _next;
            private int _pos;
            private int _end;
            private int _number;

            public LineReader(string text)
            {
                _text = text;
                _next = 0;
                _pos = _end = 0;
                _number = 0;
                Tag = '\0';
            }

            public char Tag { get; private set; }

            /// <summary>Moves to the next line that is not empty.</summary>
            public bool Next()
            {
                while (_next < _text.Length)
                {
                    int start = _next;
                    int end = _text.IndexOf('\n', start);
                    if (end < 0) end = _text.Length;
                    _next = end + 1;
                    _number++;
                    if (end > start && _text[end - 1] == '\r') end--;
                    if (end == start) continue;
                    Tag = _text[start];
                    _end = end;
                    _pos = start + 1;
                    if (_pos < _end && _text[_pos] != Separator) throw Error("a tag of more than one character");
                    return true;
                }
                return false;
            }

            public void End()
            {
                if (_pos < _end) throw Error("more values than its record has");
            }

            public FormatException Error(string what) => new FormatException($"Line {_number} of the API description's tables holds {what}.");

            /// <summary>The raw next value (escapes kept), and the position after it.</summary>
            private (int Start, int End) Raw()
            {
                if (_pos >= _end || _text[_pos] != Separator) throw Error("fewer values than its record has");
                int start = ++_pos;
                while (_pos < _end && _text[_pos] != Separator)
                    _pos += _text[_pos] == Escape ? 2 : 1;
                if (_pos > _end) throw Error("an escape at its end");
                return (start, _pos);
            }

            private bool IsNull(int start, int end) => end - start == 2 && _text[start] == Escape && _text[start + 1] == '-';

            public string Text()
            {
                var (start, end) = Raw();
                if (IsNull(start, end)) throw Error("a null where text belongs");
                return Unescape(start, end);
            }

            public string? OptionalText()
            {
                var (start, end) = Raw();
                return IsNull(start, end) ? null : Unescape(start, end);
            }

            private string Unescape(int start, int end)
            {
                int escape = _text.IndexOf(Escape, start, end - start);
                if (escape < 0) return _text.Substring(start, end - start);
                var builder = new System.Text.StringBuilder(end - start);
                for (int i = start; i < end; i++)
                {
                    char c = _text[i];
                    if (c != Escape) { builder.Append(c); continue; }
                    char e = _text[++i];
                    switch (e)
                    {
                        case 'n': builder.Append('\n'); break;
                        case 'r': builder.Append('\r'); break;
                        case 't': builder.Append('\t'); break;
                        case '\\': case '|': case '^': builder.Append(e); break;
                        default: throw Error("an unknown escape \\" + e);
                    }
                }
                return builder.ToString();
            }

            public bool Bool()
            {
                var (start, end) = Raw();
                if (end - start == 1 && (_text[start] == '1' || _text[start] == '0')) return _text[start] == '1';
                throw Error("a boolean other than 1 or 0");
            }

            public int Int() => int.Parse(Text(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

            public int? OptionalInt()
            {
                var text = OptionalText();
                return text == null ? (int?)null : int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            }

            public long? OptionalLong()
            {
                var text = OptionalText();
                return text == null ? (long?)null : long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            }

            public double Double() => double.Parse(Text(), NumberStyles.Float, CultureInfo.InvariantCulture);

            public double? OptionalDouble()
            {
                var text = OptionalText();
                return text == null ? (double?)null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            public T Enum<T>() where T : struct
            {
                var text = Text();
                if (System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(typeof(T), value)) return value;
                throw Error($"'{text}', which is not a {typeof(T).Name}");
            }

            /// <summary>A list: its count, <c>:</c>, the items separated by <c>^</c>; <c>\-</c> for none.</summary>
            public string[]? Texts()
            {
                var (start, end) = Raw();
                if (IsNull(start, end)) return null;
                int colon = _text.IndexOf(':', start, end - start);
                if (colon < 0) throw Error("a list without its count");
                int count = int.Parse(_text.Substring(start, colon - start), NumberStyles.None, CultureInfo.InvariantCulture);
                if (count == 0)
                {
                    if (colon + 1 != end) throw Error("items in a list of none");
                    return Array.Empty<string>();
                }
                var items = new string[count];
                int item = 0, from = colon + 1;
                for (int i = from; ; )
                {
                    if (i == end || _text[i] == ItemSeparator)
                    {
                        if (item == count) throw Error("more items than its list's count");
                        items[item++] = Unescape(from, i);
                        if (i == end) break;
                        from = ++i;
                        continue;
                    }
                    i += _text[i] == Escape ? 2 : 1;
                }
                if (item != count) throw Error("fewer items than its list's count");
                return items;
            }

            public int[] Ints()
            {
                var texts = Texts() ?? throw Error("a null where a list belongs");
                var values = new int[texts.Length];
                for (int i = 0; i < texts.Length; i++) values[i] = int.Parse(texts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                return values;
            }

            /// <summary>Pairs as a list of keys and values, alternating.</summary>
            public KeyValuePair<string, string>[] Pairs()
            {
                var texts = Texts() ?? throw Error("a null where a list belongs");
                if (texts.Length % 2 != 0) throw Error("a list of pairs with an odd count");
                if (texts.Length == 0) return Array.Empty<KeyValuePair<string, string>>();
                var pairs = new KeyValuePair<string, string>[texts.Length / 2];
                for (int i = 0; i < pairs.Length; i++) pairs[i] = new KeyValuePair<string, string>(texts[2 * i], texts[2 * i + 1]);
                return pairs;
            }

            /// <summary><c>images</c> or <c>fonts</c> (the shared lists of <see cref="ApiMediaTypes"/>), or <c>\-</c>.</summary>
            public string[]? MediaTypes()
            {
                var text = OptionalText();
                switch (text)
                {
                    case null: return null;
                    case "images": return ApiMediaTypes.Images;
                    case "fonts": return ApiMediaTypes.Fonts;
                    default: throw Error($"'{text}', which is not a list of media types");
                }
            }
        }
    }
}
