namespace DogGan.Host.Data;

/// <summary>
/// The reasons data is skipped, as the summary shows them. Image-file reasons are exclusive:
/// every image file either gives crops or is counted under exactly one of them, so image files =
/// images + image-file skips. Annotation, box and crop reasons count those items on their own, so
/// one fault can show twice (a malformed annotation, and its image with no usable box).
/// </summary>
internal static class SkipReasons
{
    // Image files.
    public const string UnreadableImage = "unreadable image file";
    public const string NotAnImage = "not an image";
    public const string UnsupportedFormat = "unsupported image format (only JPEG and PNG)";
    public const string CorruptImage = "corrupt image";
    public const string TruncatedImage = "truncated image (no end marker)";
    public const string ImageTooLarge = "image too large";
    public const string NoAnnotation = "no annotation";
    public const string NoUsableBox = "no usable box";

    // Annotation files.
    public const string MalformedAnnotation = "malformed annotation";
    public const string AnnotationWithoutImage = "annotation without image";
    public const string DuplicateAnnotation = "duplicate annotation";

    // Boxes and crops.
    public const string EmptyOrInvertedBox = "box empty or inverted";
    public const string CropOutsideImage = "crop outside image";

    public static readonly IReadOnlySet<string> ImageFileReasons = new HashSet<string>(StringComparer.Ordinal)
    {
        UnreadableImage, NotAnImage, UnsupportedFormat, CorruptImage, TruncatedImage, ImageTooLarge,
        NoAnnotation, NoUsableBox,
    };
}
