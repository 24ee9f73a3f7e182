using System;
using System.Text;

namespace IdeogramGen.Generator
{
    /// <summary>Writes C# text with indentation; <see cref="Block"/> closes its brace on dispose.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _sb;
        private int _indent;

        /// <summary>A writer whose buffer starts with room for <paramref name="capacity"/> characters (StringBuilder's default when 0).</summary>
        public SourceWriter(int capacity = 0) => _sb = new StringBuilder(capacity);

        public void Line() => _sb.Append('\n');

        public void Line(string text)
        {
            if (text.Length > 0) _sb.Append(' ', _indent * 4).Append(text);
            _sb.Append('\n');
        }

        public void Open(string header)
        {
            if (header.Length > 0) Line(header);
            Line("{");
            _indent++;
        }

        public void Close(string closing = "}")
        {
            _indent--;
            Line(closing);
        }

        public Scope Block(string header)
        {
            Open(header);
            return new Scope(this);
        }

        /// <summary>Writes an XML doc <c>summary</c> (escaped, wrapped) and optional extra doc lines.</summary>
        public void Summary(string text, params string?[] extra)
        {
            var xml = Xml(text);
            if (xml.Length <= 100 && xml.IndexOf('\n') < 0)
            {
                Indent();
                _sb.Append("/// <summary>").Append(xml).Append("</summary>\n");
            }
            else
            {
                Line("/// <summary>");
                WrapDoc(xml);
                Line("/// </summary>");
            }
            foreach (var e in extra)
                if (e != null) Line(e.StartsWith("///", StringComparison.Ordinal) ? e : "/// " + e);
        }

        private void Indent() => _sb.Append(' ', _indent * 4);

        /// <summary>
        /// Writes <paramref name="text"/> as <c>///</c> lines: each paragraph's words joined by one space, a new line
        /// before a word that would take the line past 100 characters. Words are copied from the text, not split off.
        /// </summary>
        private void WrapDoc(string text)
        {
            int start = 0;
            while (start <= text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0) end = text.Length;
                int lineLength = 0;
                int i = start;
                while (i < end)
                {
                    if (text[i] == ' ') { i++; continue; }
                    int j = i;
                    while (j < end && text[j] != ' ') j++;
                    if (lineLength > 0 && lineLength + (j - i) > 100)
                    {
                        _sb.Append('\n');
                        lineLength = 0;
                    }
                    if (lineLength == 0)
                    {
                        Indent();
                        _sb.Append("/// ");
                    }
                    else
                    {
                        _sb.Append(' ');
                        lineLength++;
                    }
                    _sb.Append(text, i, j - i);
                    lineLength += j - i;
                    i = j;
                }
                if (lineLength > 0) _sb.Append('\n');
                start = end + 1;
            }
        }

        public override string ToString()
        {
            if (_indent != 0) throw new InvalidOperationException("Unbalanced indentation in generated source.");
            return _sb.ToString();
        }

        public static string Xml(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "");

        internal readonly struct Scope : IDisposable
        {
            private readonly SourceWriter _writer;
            public Scope(SourceWriter writer) => _writer = writer;
            public void Dispose() => _writer.Close();
        }
    }
}
