using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using DogGan.Contracts.Imaging;

namespace DogGan.Host.Data;

/// <summary>
/// Reads PASCAL-VOC annotations. Documents with a DTD are refused outright (no entity is ever
/// expanded and nothing is fetched), and a size cap keeps a huge file from filling memory.
/// </summary>
internal static class AnnotationReader
{
    // A real annotation is under 2 KB; a few objects more stay far below this.
    private const long MaxCharacters = 1 << 20;

    // Coordinates beyond this are not pixels of any image the host accepts.
    private const double MaxCoordinate = 1e9;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>Parses one file; null (and the reason in <paramref name="error"/>) when it is malformed.</summary>
    public static Annotation? TryRead(string path, out string? error)
    {
        try
        {
            using XmlReader reader = XmlReader.Create(path, Settings);
            XDocument document = XDocument.Load(reader);
            error = null;
            return Parse(document);
        }
        catch (Exception e) when (e is XmlException or FormatException or IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return null;
        }
    }

    private static Annotation Parse(XDocument document)
    {
        XElement root = document.Root is { Name.LocalName: "annotation" } element
            ? element
            : throw new FormatException("the root element is not <annotation>");

        ImageSize? size = null;
        if (root.Element("size") is { } sizeElement)
        {
            size = new ImageSize(Coordinate(sizeElement, "width"), Coordinate(sizeElement, "height"));
        }

        var boxes = new List<BoundingBox>();
        foreach (XElement item in root.Elements("object"))
        {
            XElement box = item.Element("bndbox") ?? throw new FormatException("an <object> has no <bndbox>");
            boxes.Add(new BoundingBox(
                Coordinate(box, "xmin"), Coordinate(box, "ymin"), Coordinate(box, "xmax"), Coordinate(box, "ymax")));
        }

        return new Annotation(size, boxes);
    }

    // Some tools write "12.0"; such values are rounded to whole pixels, half to even.
    private static int Coordinate(XElement parent, string name)
    {
        string text = parent.Element(name)?.Value.Trim()
            ?? throw new FormatException($"<{parent.Name.LocalName}> has no <{name}>");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || Math.Abs(value) > MaxCoordinate)
        {
            throw new FormatException($"<{name}> is '{text}', not a pixel coordinate");
        }

        return (int)Math.Round(value, MidpointRounding.ToEven);
    }
}
