using DogGan.Contracts.Imaging;

namespace DogGan.Host.Data;

/// <summary>A parsed annotation: the size it claims and its boxes as written (not yet clamped).</summary>
/// <param name="Size">The <c>&lt;size&gt;</c> element, when present.</param>
/// <param name="Boxes">One per <c>&lt;object&gt;</c>, in file order.</param>
internal sealed record Annotation(ImageSize? Size, IReadOnlyList<BoundingBox> Boxes);
