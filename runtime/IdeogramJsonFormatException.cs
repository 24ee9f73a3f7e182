using System;

namespace IdeogramGen
{
    /// <summary>A JSON answer did not have the documented shape. The transport turns it into <see cref="IdeogramResponseException"/>.</summary>
    public sealed class IdeogramJsonFormatException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public IdeogramJsonFormatException(string path, string problem, Exception? inner = null)
            : base($"{path}: {problem}", inner)
        {
            JsonPath = path;
        }

        /// <summary>Where in the document (<c>$.data[0].seed</c>).</summary>
        public string JsonPath { get; }
    }
}
