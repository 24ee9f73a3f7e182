using System;
using System.ComponentModel;

namespace IdeogramGen
{
    /// <summary>
    /// Put by the generator on each request type: the Ideogram path the type is sent to. The analyzers use it to
    /// check values against what that endpoint accepts.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class IdeogramEndpointAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="path">Ideogram's path, e.g. <c>/v1/ideogram-v3/generate</c>.</param>
        public IdeogramEndpointAttribute(string path) => Path = path;

        /// <summary>Ideogram's path.</summary>
        public string Path { get; }
    }
}
