using System.Globalization;
using System.Text;
using DogGan.Contracts.Errors;

namespace DogGan.Host.Data;

/// <summary>
/// The files of a Kaggle-layout data folder: images directly in <c>all-dogs/</c> (any name; the
/// format is read from the bytes), annotations in <c>Annotation/&lt;wnid-breed&gt;/&lt;id&gt;</c>
/// matched to images by id, the image file name without its extension. Subfolders of
/// <c>all-dogs/</c> are not read.
/// </summary>
internal sealed class DataFolder
{
    public const string ImagesFolder = "all-dogs";
    public const string AnnotationsFolder = "Annotation";

    private DataFolder(
        string root,
        IReadOnlyList<FileInfo> imageFiles,
        IReadOnlyList<FileInfo> annotationFiles,
        IReadOnlyDictionary<string, FileInfo> annotationsById,
        IReadOnlyList<FileInfo> duplicateAnnotations)
    {
        Root = root;
        ImageFiles = imageFiles;
        AnnotationFiles = annotationFiles;
        AnnotationsById = annotationsById;
        DuplicateAnnotations = duplicateAnnotations;
    }

    public string Root { get; }

    /// <summary>Every file in all-dogs/, in ordinal name order.</summary>
    public IReadOnlyList<FileInfo> ImageFiles { get; }

    /// <summary>Every file under Annotation/, in ordinal relative-path order.</summary>
    public IReadOnlyList<FileInfo> AnnotationFiles { get; }

    /// <summary>The first annotation of each id (ordinal relative-path order).</summary>
    public IReadOnlyDictionary<string, FileInfo> AnnotationsById { get; }

    /// <summary>Annotations whose id an earlier one already has.</summary>
    public IReadOnlyList<FileInfo> DuplicateAnnotations { get; }

    /// <summary>Throws the one-line DataException when the folder or its all-dogs/ is missing.</summary>
    public static void CheckLayout(string folder)
    {
        string layout = $"expected the Kaggle layout {Path.Combine(folder, ImagesFolder, "*.jpg")} and "
            + $"{Path.Combine(folder, AnnotationsFolder, "<wnid-breed>", "<id>")}";
        if (!Directory.Exists(folder))
        {
            throw new DataException($"data folder {folder} does not exist; {layout}");
        }

        if (!Directory.Exists(Path.Combine(folder, ImagesFolder)))
        {
            throw new DataException(
                $"data folder {Path.GetFullPath(folder)} has no {ImagesFolder}/ folder; {layout}");
        }
    }

    public static DataFolder Scan(string folder)
    {
        CheckLayout(folder);
        string root = Path.GetFullPath(folder);
        var images = new DirectoryInfo(Path.Combine(root, ImagesFolder));

        FileInfo[] imageFiles = images.EnumerateFiles().ToArray();
        Array.Sort(imageFiles, (a, b) => string.CompareOrdinal(a.Name, b.Name));

        // Annotation/ may be missing: then every image is unannotated, which a strategy such as
        // full-image can still use.
        var annotations = new DirectoryInfo(Path.Combine(root, AnnotationsFolder));
        FileInfo[] annotationFiles = annotations.Exists
            ? annotations.EnumerateFiles("*", SearchOption.AllDirectories).ToArray()
            : [];
        Array.Sort(annotationFiles, (a, b) => string.CompareOrdinal(Relative(root, a), Relative(root, b)));

        var byId = new Dictionary<string, FileInfo>(StringComparer.Ordinal);
        var duplicates = new List<FileInfo>();
        foreach (FileInfo file in annotationFiles)
        {
            if (!byId.TryAdd(AnnotationId(file), file))
            {
                duplicates.Add(file);
            }
        }

        return new DataFolder(root, imageFiles, annotationFiles, byId, duplicates);
    }

    public static string ImageId(FileInfo image) => Path.GetFileNameWithoutExtension(image.Name);

    /// <summary>Kaggle's annotations have no extension; one saved as <c>id.xml</c> still matches.</summary>
    public static string AnnotationId(FileInfo annotation) =>
        annotation.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
            ? annotation.Name[..^4]
            : annotation.Name;

    /// <summary>A path relative to the data folder with forward slashes, for examples and the cache key.</summary>
    public string Relative(FileInfo file) => Relative(Root, file);

    /// <summary>
    /// What the cache key takes from the folder: every image and annotation file's relative path,
    /// size and modification time. Changing, adding or removing any file prepares anew; copying
    /// the folder elsewhere with its times kept reuses the cache.
    /// </summary>
    public string Fingerprint()
    {
        var text = new StringBuilder();
        foreach (FileInfo file in ImageFiles.Concat(AnnotationFiles))
        {
            text.Append(Relative(file)).Append('\t')
                .Append(file.Length.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    private static string Relative(string root, FileInfo file) =>
        Path.GetRelativePath(root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
}
