using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Contracts.Imaging;
using Microsoft.Extensions.Logging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace DogGan.Host.Data;

/// <summary>
/// Turns a Kaggle-layout folder into training crops, once: every crop strategy on every box of
/// every image, cut from the stored pixels and resized with Lanczos-3, then cached on disk so
/// later runs on the same files and settings load them in seconds.
/// </summary>
internal static class DataPreparer
{
    // Images decoded in parallel per round; their results are then written in file order, which
    // keeps the output identical whatever the thread timing, with a bounded amount in memory.
    private const int ImagesPerRound = 64;

    /// <summary>Prepares (or loads from the cache) the crops that <paramref name="request"/> describes.</summary>
    /// <exception cref="DataException">The folder is missing, not in the Kaggle layout, gives no
    /// usable crop, or the cache cannot be written.</exception>
    public static PreparedData Prepare(DataRequest request, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(logger);
        Validate(request);
        var clock = Stopwatch.StartNew();

        DataFolder folder = DataFolder.Scan(request.Folder);
        string key = CropCache.Key(request, folder);
        PreparedData? data = CropCache.TryLoad(
            request.CacheRoot, key, request.ImageSize, s => s with { Folder = folder.Root, FromCache = true }, ct);
        if (data == null)
        {
            DataSummary summary = Build(request, folder, key, ct);
            data = CropCache.TryLoad(request.CacheRoot, key, request.ImageSize, _ => summary, ct)
                ?? throw new DataException(
                    $"the crop cache entry {CropCache.BinaryPath(request.CacheRoot, key)} could not be read back "
                    + "right after writing; check that folder's disk");
        }

        DataSummary done = data.Summary;
        logger.LogInformation(
            "Data {Folder}: {Images} images of {ImageFiles} files, {Boxes} boxes, {Crops} crops; "
            + "skipped {Skipped} ({Reasons}); cache {Cache} {CacheKey}; {Seconds:F1} s",
            done.Folder, done.Images, done.ImageFiles, done.Boxes, done.Crops, done.SkippedTotal,
            Describe(done.Skipped), done.FromCache ? "hit" : "miss", key[..12], clock.Elapsed.TotalSeconds);
        return data;
    }

    private static void Validate(DataRequest request)
    {
        if (request.Crops.Count == 0)
        {
            throw new ArgumentException("at least one crop strategy is needed", nameof(request));
        }

        if (request.ImageSize is < 4 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.ImageSize, "ImageSize must be 4 to 1024");
        }

        if (request.MaxImages is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxImages, "MaxImages must be at least 1");
        }

        if (request.DecodeThreads < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), request.DecodeThreads, "DecodeThreads must be at least 1");
        }
    }

    private static DataSummary Build(DataRequest request, DataFolder folder, string key, CancellationToken ct)
    {
        IReadOnlyList<FileInfo> images = request.MaxImages is int limit
            ? folder.ImageFiles.Take(limit).ToArray()
            : folder.ImageFiles;
        var tally = new SkipTally();

        // Orphans are judged against every image file, so a maxImages limit does not turn the
        // annotations of the images it leaves out into orphans.
        var imageIds = folder.ImageFiles.Select(DataFolder.ImageId).ToHashSet(StringComparer.Ordinal);
        foreach (FileInfo annotation in folder.AnnotationFiles)
        {
            if (!imageIds.Contains(DataFolder.AnnotationId(annotation)))
            {
                tally.Add(SkipReasons.AnnotationWithoutImage, folder.Relative(annotation));
            }
        }

        foreach (FileInfo duplicate in folder.DuplicateAnnotations)
        {
            tally.Add(SkipReasons.DuplicateAnnotation, folder.Relative(duplicate));
        }

        var context = new ImageContext(folder, request.Crops, request.ImageSize);
        int usable = 0, annotations = 0, boxes = 0, crops = 0;
        using var writer = new CropCache.Writer(request.CacheRoot, key, request.ImageSize);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = request.DecodeThreads, CancellationToken = ct };
        var results = new ImageResult[ImagesPerRound];
        for (int start = 0; start < images.Count; start += ImagesPerRound)
        {
            int count = Math.Min(ImagesPerRound, images.Count - start);
            try
            {
                Parallel.For(0, count, parallel, i => results[i] = context.Process(images[start + i]));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                // A crop plugin that throws is a bug to show as itself, not wrapped.
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }

            for (int i = 0; i < count; i++)
            {
                ImageResult result = results[i];
                foreach ((string reason, string example) in result.Skips)
                {
                    tally.Add(reason, example);
                }

                annotations += result.AnnotationRead ? 1 : 0;
                if (result.CropCount > 0)
                {
                    writer.Add(result.Crops, result.CropCount);
                    usable++;
                    boxes += result.Boxes;
                    crops += result.CropCount;
                }
            }
        }

        var summary = new DataSummary(
            folder.Root, images.Count, usable, annotations, boxes, crops, tally.ToList(), key, FromCache: false);
        if (usable == 0)
        {
            throw new DataException(
                $"no usable crops in {folder.Root}: {images.Count} image files, skipped {Describe(summary.Skipped)}; "
                + $"put JPEG or PNG files in {DataFolder.ImagesFolder}/ with annotations in "
                + $"{DataFolder.AnnotationsFolder}/<wnid-breed>/<id>, or use a crop that needs no box (full-image)");
        }

        writer.Commit(summary);
        return summary;
    }

    private static string Describe(IReadOnlyList<SkipCount> skipped) =>
        skipped.Count == 0
            ? "none"
            : string.Join(", ", skipped.Select(s => $"{s.Reason}: {s.Count.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>What one image gave: its crops (3 x S x S bytes each) and everything it skipped.</summary>
    private sealed class ImageResult
    {
        public byte[] Crops { get; set; } = [];

        public int CropCount { get; set; }

        public int Boxes { get; set; }

        public bool AnnotationRead { get; set; }

        public List<(string Reason, string Example)> Skips { get; } = [];
    }

    /// <summary>The per-image work, run on several threads at once.</summary>
    private sealed class ImageContext(DataFolder folder, IReadOnlyList<NamedCropStrategy> strategies, int size)
    {
        // Crop strategies need not be thread-safe (IPluginFactory says so), and Select is cheap.
        private readonly Lock _selectLock = new();

        public ImageResult Process(FileInfo file)
        {
            var result = new ImageResult();
            string name = folder.Relative(file);

            bool annotated = folder.AnnotationsById.TryGetValue(DataFolder.ImageId(file), out FileInfo? annotationFile);
            Annotation? annotation = null;
            if (annotationFile != null)
            {
                annotation = AnnotationReader.TryRead(annotationFile.FullName, out _);
                if (annotation == null)
                {
                    result.Skips.Add((SkipReasons.MalformedAnnotation, folder.Relative(annotationFile)));
                }

                result.AnnotationRead = annotation != null;
            }

            if (file.Length > ImageFile.MaxFileBytes)
            {
                result.Skips.Add((SkipReasons.ImageTooLarge, name));
                return result;
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result.Skips.Add((SkipReasons.UnreadableImage, name));
                return result;
            }

            string? rejected = ImageFile.Probe(bytes, out ImageSize imageSize, out bool isPng);
            if (rejected != null)
            {
                result.Skips.Add((rejected, name));
                return result;
            }

            List<BoundingBox> boxes = Clamp(annotation, imageSize, annotationFile, result);
            List<Rectangle> rectangles = Select(imageSize, boxes, name, result);
            if (rectangles.Count == 0)
            {
                result.Skips.Add((annotated ? SkipReasons.NoUsableBox : SkipReasons.NoAnnotation, name));
                return result;
            }

            using Image<Rgb24>? image = ImageFile.Decode(bytes, isPng, imageSize);
            if (image == null)
            {
                result.Skips.Add((SkipReasons.CorruptImage, name));
                return result;
            }

            int cropBytes = 3 * size * size;
            result.Crops = new byte[rectangles.Count * cropBytes];
            for (int i = 0; i < rectangles.Count; i++)
            {
                Rectangle rectangle = rectangles[i];
                using Image<Rgb24> crop = image.Clone(
                    c => c.Crop(rectangle).Resize(size, size, KnownResamplers.Lanczos3));
                CopyChannelMajor(crop, result.Crops.AsSpan(i * cropBytes, cropBytes));
            }

            result.CropCount = rectangles.Count;
            result.Boxes = boxes.Count;
            return result;
        }

        // Boxes that overrun the image are clamped to it (annotators often write the image size
        // as the far edge); what is empty or inverted afterwards is dropped.
        private List<BoundingBox> Clamp(Annotation? annotation, ImageSize image, FileInfo? file, ImageResult result)
        {
            var boxes = new List<BoundingBox>();
            foreach (BoundingBox raw in annotation?.Boxes ?? [])
            {
                var box = new BoundingBox(
                    Math.Clamp(raw.XMin, 0, image.Width),
                    Math.Clamp(raw.YMin, 0, image.Height),
                    Math.Clamp(raw.XMax, 0, image.Width),
                    Math.Clamp(raw.YMax, 0, image.Height));
                if (box.Width > 0 && box.Height > 0)
                {
                    boxes.Add(box);
                }
                else
                {
                    result.Skips.Add((SkipReasons.EmptyOrInvertedBox, folder.Relative(file!)));
                }
            }

            return boxes;
        }

        private List<Rectangle> Select(ImageSize image, List<BoundingBox> boxes, string name, ImageResult result)
        {
            var rectangles = new List<Rectangle>();
            lock (_selectLock)
            {
                foreach (NamedCropStrategy strategy in strategies)
                {
                    foreach (CropBox crop in strategy.Strategy.Select(image, boxes))
                    {
                        if (crop.ToPixels(image) is var (x, y, width, height))
                        {
                            rectangles.Add(new Rectangle(x, y, width, height));
                        }
                        else
                        {
                            result.Skips.Add((SkipReasons.CropOutsideImage, name));
                        }
                    }
                }
            }

            return rectangles;
        }

        private static void CopyChannelMajor(Image<Rgb24> crop, Span<byte> target)
        {
            int plane = crop.Width * crop.Height;
            Rgb24[] pixels = ArrayPool<Rgb24>.Shared.Rent(plane);
            try
            {
                crop.CopyPixelDataTo(pixels.AsSpan(0, plane));
                for (int i = 0; i < plane; i++)
                {
                    target[i] = pixels[i].R;
                    target[plane + i] = pixels[i].G;
                    target[(2 * plane) + i] = pixels[i].B;
                }
            }
            finally
            {
                ArrayPool<Rgb24>.Shared.Return(pixels);
            }
        }
    }
}
