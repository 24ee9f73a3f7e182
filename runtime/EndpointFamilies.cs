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
        /// <summary>Ideogram 4.0: <c>/v1/ideogram-v4/*</c> (generate, generate-transparent, remix, magic-prompt, describe; their <c>async/</c> forms).</summary>
        V4 = 2,
        /// <summary>Instruction edit of up to 10 images: <c>/v1/edit</c>.</summary>
        InstructionEdit = 4,
        /// <summary>Legacy endpoints: <c>/generate</c>, <c>/remix</c>, <c>/upscale</c>, <c>/edit</c>, <c>/reframe</c>, <c>/describe</c>.</summary>
        Legacy = 8,
        /// <summary><c>/v1/remove-background</c>.</summary>
        RemoveBackground = 16,
        /// <summary>Ideogram 4.5: <c>/v1/ideogram-v45/generate</c> and its <c>async/</c> form.</summary>
        V45 = 32,
        /// <summary>P-Image: <c>/v1/text-to-image/p-image-ideogram</c> (and its async form) and the speed tiers <c>/v1/p-image-ideogram/{very-low,low,medium,high}/generate</c>.</summary>
        PImage = 64,
        /// <summary><c>/v1/remove-object</c>.</summary>
        RemoveObject = 128,
        /// <summary>Ideogram's <c>/v2</c> routes (<c>POST /v2/image/{action}/{model}</c>): lowercase vocabularies of their own, <c>dry_run</c> price quotes, asynchronous answers.</summary>
        V2 = 256,
        /// <summary>Every family.</summary>
        All = V3 | V4 | InstructionEdit | Legacy | RemoveBackground | V45 | PImage | RemoveObject | V2,
    }
}
