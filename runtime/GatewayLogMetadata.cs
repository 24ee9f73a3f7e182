using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// <c>cf-aig-metadata</c>: up to 5 flat entries whose values are strings, numbers or booleans (Cloudflare AI
    /// Gateway docs, Custom metadata: the gateway ignores the whole header if a value is an object or array, keeps only
    /// 5 entries, and does not save keys starting with <c>cf.</c>). The typed <c>Add</c> overloads make nested values
    /// impossible; the count and reserved keys are checked when adding.
    /// </summary>
    public sealed class GatewayLogMetadata : IEnumerable<KeyValuePair<string, object>>
    {
        private readonly List<KeyValuePair<string, object>> _entries = new List<KeyValuePair<string, object>>();

        /// <summary>Number of entries.</summary>
        public int Count => _entries.Count;

        /// <summary>Adds a string entry.</summary>
        /// <exception cref="IdeogramValidationException">A sixth entry, a duplicate key, or a <c>cf.</c> key.</exception>
        public GatewayLogMetadata Add(string key, string value) => AddEntry(key, value ?? throw new ArgumentNullException(nameof(value)));

        /// <summary>Adds a whole-number entry.</summary>
        public GatewayLogMetadata Add(string key, long value) => AddEntry(key, value);

        /// <summary>Adds a number entry.</summary>
        /// <exception cref="IdeogramValidationException">Not a finite number.</exception>
        public GatewayLogMetadata Add(string key, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
                throw new IdeogramValidationException(GatewayHeaders.Metadata, $"the value of '{key}' is not a finite number", "strings, finite numbers and booleans");
            return AddEntry(key, value);
        }

        /// <summary>Adds a boolean entry.</summary>
        public GatewayLogMetadata Add(string key, bool value) => AddEntry(key, value);

        private GatewayLogMetadata AddEntry(string key, object value)
        {
            if (string.IsNullOrEmpty(key)) throw new IdeogramValidationException(GatewayHeaders.Metadata, "a key is empty", "non-empty keys");
            if (key.StartsWith(ApiDescription.GatewayLimits.ReservedMetadataPrefix, StringComparison.Ordinal))
                throw new IdeogramValidationException(GatewayHeaders.Metadata, $"the key '{key}' starts with 'cf.', which the gateway reserves and does not save", "keys not starting with 'cf.'");
            foreach (var e in _entries)
                if (e.Key == key) throw new IdeogramValidationException(GatewayHeaders.Metadata, $"the key '{key}' is given twice", "each key once");
            if (_entries.Count >= GatewayRequestOptions.MaxMetadataEntries)
                throw new IdeogramValidationException(GatewayHeaders.Metadata, "a sixth entry was added; the gateway drops entries beyond five", "at most 5 entries");
            _entries.Add(new KeyValuePair<string, object>(key, value));
            return this;
        }

        /// <summary>The header value: a flat JSON object.</summary>
        public string ToJson()
        {
            using var buffer = new System.IO.MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                foreach (var e in _entries)
                {
                    switch (e.Value)
                    {
                        case string s: w.WriteString(e.Key, s); break;
                        case long l: w.WriteNumber(e.Key, l); break;
                        case double d: w.WriteNumber(e.Key, d); break;
                        case bool b: w.WriteBoolean(e.Key, b); break;
                    }
                }
                w.WriteEndObject();
            }
            var json = Encoding.UTF8.GetString(buffer.ToArray());
            foreach (var c in json)
                if (c > 0x7e) throw new IdeogramValidationException(GatewayHeaders.Metadata, "contains non-ASCII text, which HTTP headers cannot carry", "ASCII keys and values");
            return json;
        }

        /// <inheritdoc/>
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _entries.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
