using System;

namespace IdeogramGen
{
    /// <summary>Families of Ideogram endpoints the generator can emit.</summary>
    [Flags]
    public enum EndpointFamilies
    {
        /// <summary>No endpoint: only the gateway address and URL builder.</summary>
        None = 0,
        /// <summary>Ideogram 3.0: <c>/v1/ideogram-v3/*</c> (generate, edit, inpaint, remix, reframe, replace-background, generate-transparent, generate-design, layerize-design, layerize-text, try-on, deprecated graphic).</summary>
        V3 = 1,
        /// <summary>Ideogram 4.0: <c>/v1/ideogram-v4/generate</c>.</summary>
        V4 = 2,
        /// <summary>Instruction edit of up to 10 images: <c>/v1/edit</c>.</summary>
        InstructionEdit = 4,
        /// <summary>Legacy endpoints: <c>/generate</c>, <c>/remix</c>, <c>/upscale</c>, <c>/edit</c>, <c>/reframe</c>, <c>/describe</c>.</summary>
        Legacy = 8,
        /// <summary><c>/v1/remove-background</c> (in Ideogram's public reference, not in its 2026-04-27 OpenAPI document).</summary>
        RemoveBackground = 16,
        /// <summary>Every family.</summary>
        All = V3 | V4 | InstructionEdit | Legacy | RemoveBackground,
    }
}
