using System;
using System.Collections.Generic;
using System.Threading;

namespace IdeogramGen
{
    /// <summary>
    /// The endpoint URI of each Ideogram path, built once per pipeline: the generated client passes each path as a
    /// string constant, so after the first call of an endpoint the lookup is one dictionary read and no allocation.
    /// </summary>
    internal sealed class EndpointCache
    {
        private readonly Uri _providerBase;
        private Dictionary<string, Uri> _uris = new Dictionary<string, Uri>(StringComparer.Ordinal);

        public EndpointCache(Uri providerBase) => _providerBase = providerBase;

        public Uri Get(string path)
        {
            if (_uris.TryGetValue(path, out var uri)) return uri;
            if (path.Length == 0 || path.TrimStart('/').Length == 0) throw new ArgumentException("The Ideogram path must not be empty.", nameof(path));
            uri = new Uri(_providerBase, path.TrimStart('/'));
            // Copy on write: readers never lock, and a lost race only builds one URI twice.
            var copy = new Dictionary<string, Uri>(_uris, StringComparer.Ordinal) { [path] = uri };
            Volatile.Write(ref _uris, copy);
            return uri;
        }
    }
}
