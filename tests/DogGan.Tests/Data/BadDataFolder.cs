using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace DogGan.Tests.Data;

/// <summary>
/// Builds a Kaggle-layout folder of good and bad files in a temp folder: real JPEGs copied from
/// shared/, images written with ImageSharp, and crafted bytes. A CMYK JPEG is not among them:
/// ImageSharp 2.1.13 writes JpegColorType.Cmyk as a 3-component YCbCr file, and no other tool
/// that can write one is on the machines.
/// </summary>
internal sealed class BadDataFolder : IDisposable
{
    public const string Breed = "n00000000-test";
    private readonly TempFolder _temp = new();

    public BadDataFolder()
    {
        Directory.CreateDirectory(Images);
        Directory.CreateDirectory(Annotations);
    }

    public string Root => _temp.Path;

    public string Images => _temp.Combine("all-dogs");

    public string Annotations => _temp.Combine("Annotation", Breed);

    public void Dispose() => _temp.Dispose();

    /// <summary>Copies a real image and its annotation under a new id.</summary>
    public void CopyReal(string realId, string id, bool withAnnotation = true, Func<byte[], byte[]>? mangle = null)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(SharedFolder.Dogs, "all-dogs", realId + ".jpg"));
        File.WriteAllBytes(Path.Combine(Images, id + ".jpg"), mangle == null ? bytes : mangle(bytes));
        if (withAnnotation)
        {
            string annotation = Directory.GetFiles(
                Path.Combine(SharedFolder.Dogs, "Annotation"), realId, SearchOption.AllDirectories).Single();
            File.Copy(annotation, Path.Combine(Annotations, id));
        }
    }

    public void WriteImage(string fileName, Image image, Action<Stream, Image>? save = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        using FileStream stream = File.Create(Path.Combine(Images, fileName));
        (save ?? ((s, i) => i.SaveAsJpeg(s)))(stream, image);
    }

    public void WriteBytes(string fileName, byte[] bytes) => File.WriteAllBytes(Path.Combine(Images, fileName), bytes);

    public void WriteAnnotation(string id, string xml) => File.WriteAllText(Path.Combine(Annotations, id), xml);

    /// <summary>A PASCAL-VOC annotation; coordinates are written as given (floats allowed).</summary>
    public static string Voc(int width, int height, params string[][] boxes)
    {
        var xml = new StringBuilder()
            .Append("<annotation><filename>x</filename><size><width>")
            .Append(width.ToString(CultureInfo.InvariantCulture)).Append("</width><height>")
            .Append(height.ToString(CultureInfo.InvariantCulture)).Append("</height><depth>3</depth></size>");
        foreach (string[] box in boxes)
        {
            xml.Append("<object><name>dog</name><bndbox><xmin>").Append(box[0]).Append("</xmin><ymin>")
                .Append(box[1]).Append("</ymin><xmax>").Append(box[2]).Append("</xmax><ymax>")
                .Append(box[3]).Append("</ymax></bndbox></object>");
        }

        return xml.Append("</annotation>").ToString();
    }

    public static string[] Box(params double[] corners) =>
        corners.Select(c => c.ToString("0.0", CultureInfo.InvariantCulture)).ToArray();

    public static Image<Rgb24> Solid(int width, int height, Rgb24 colour) => new(width, height, colour);

    public static void SaveGrayJpeg(Stream stream, Image image) =>
        image.Save(stream, new JpegEncoder { ColorType = JpegColorType.Luminance });

    /// <summary>A PNG whose header claims the given size and that holds no pixel data at all.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var png = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(List<byte> png, string type, byte[] data)
    {
        byte[] word = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.AddRange(word);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.AddRange(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.AddRange(word);
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: a few bytes need no table.
    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFF;
    }
}
