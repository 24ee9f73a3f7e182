using System.Collections.Generic;

namespace IdeogramGen
{
    /// <summary>An Ideogram answer that carries images (<c>data</c>); the generated response types of image endpoints implement it.</summary>
    public interface IIdeogramImageResponse
    {
        /// <summary>The images in Ideogram's order (<c>data</c>), withheld ones included.</summary>
        IReadOnlyList<IIdeogramImage> Images { get; }
    }
}
