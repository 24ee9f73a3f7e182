using System;
using System.Text;

namespace IdeogramGen.Generator
{
    /// <summary>Writes C# text with indentation; <see cref="Block"/> closes its brace on dispose.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _sb = new StringBuilder();
        private int _indent;

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
            if (xml.Length <= 100 && xml.IndexOf('\n') < 0) Line("/// <summary>" + xml + "</summary>");
            else
            {
                Line("/// <summary>");
                foreach (var line in Wrap(xml)) Line("/// " + line);
                Line("/// </summary>");
            }
            foreach (var e in extra)
                if (e != null) Line(e.StartsWith("///", StringComparison.Ordinal) ? e : "/// " + e);
        }

        public override string ToString()
        {
            if (_indent != 0) throw new InvalidOperationException("Unbalanced indentation in generated source.");
            return _sb.ToString();
        }

        public static string Xml(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "");

        private static System.Collections.Generic.IEnumerable<string> Wrap(string text)
        {
            foreach (var paragraph in text.Split('\n'))
            {
                var words = paragraph.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                var line = new StringBuilder();
                foreach (var word in words)
                {
                    if (line.Length > 0 && line.Length + word.Length > 100)
                    {
                        yield return line.ToString();
                        line.Clear();
                    }
                    if (line.Length > 0) line.Append(' ');
                    line.Append(word);
                }
                if (line.Length > 0) yield return line.ToString();
            }
        }

        internal readonly struct Scope : IDisposable
        {
            private readonly SourceWriter _writer;
            public Scope(SourceWriter writer) => _writer = writer;
            public void Dispose() => _writer.Close();
        }
    }
}
