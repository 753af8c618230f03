// Makes chosen symbol-version requirements of an ELF shared library weak.
//
// Why: TorchSharp 0.107's libLibTorchSharp.so was linked against GCC 13's libstdc++ and so
// lists GLIBCXX_3.4.32 among the versions it needs, for a single symbol that nothing
// binds at run time. Debian 12 ships 3.4.30, and the loader refuses the whole library
// ("version `GLIBCXX_3.4.32' not found"), which TorchSharp then reports as a missing
// libtorch. Setting VER_FLG_WEAK on that one entry of .gnu.version_r turns the refusal into
// a tolerated absence; every other requirement stays strict. (patchelf's
// --clear-symbol-version edits .gnu.version but leaves the .gnu.version_r entry behind.)
//
// This file is compiled twice: by MSBuild as an inline task (Directory.Build.targets runs it
// on every output folder that receives the library) and by the test project, which checks
// the byte-level edit. It must therefore only use what RoslynCodeTaskFactory provides.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DogGan.Build
{
    /// <summary>One version a library requires from one of its dependencies.</summary>
    public sealed class VersionNeed
    {
        public VersionNeed(string file, string version, ushort flags, long flagsOffset)
        {
            File = file;
            Version = version;
            Flags = flags;
            FlagsOffset = flagsOffset;
        }

        /// <summary>The dependency's soname, e.g. libstdc++.so.6.</summary>
        public string File { get; }

        /// <summary>The version name, e.g. GLIBCXX_3.4.32.</summary>
        public string Version { get; }

        /// <summary>vna_flags; bit 0x2 is VER_FLG_WEAK.</summary>
        public ushort Flags { get; }

        /// <summary>File offset of vna_flags, so the edit touches two bytes and nothing else.</summary>
        public long FlagsOffset { get; }

        public bool IsWeak => (Flags & ElfVersionNeeds.WeakFlag) != 0;
    }

    public static class ElfVersionNeeds
    {
        public const ushort WeakFlag = 0x2;
        private const uint SectionTypeVersionNeed = 0x6ffffffe;

        /// <summary>Lists the .gnu.version_r entries of a 64-bit little-endian ELF file.</summary>
        /// <exception cref="InvalidDataException">The file is not such an ELF file.</exception>
        public static IReadOnlyList<VersionNeed> Read(string path)
        {
            byte[] image = File.ReadAllBytes(path);
            return Read(image, path);
        }

        /// <summary>
        /// Sets VER_FLG_WEAK on every requirement named <paramref name="version"/> and returns how
        /// many entries changed (0 when they were weak already or absent). The file is rewritten
        /// in place only when something changed, so running it twice is harmless.
        /// </summary>
        public static int Weaken(string path, string version)
        {
            byte[] image = File.ReadAllBytes(path);
            int changed = 0;
            foreach (VersionNeed need in Read(image, path))
            {
                if (need.Version != version || need.IsWeak)
                {
                    continue;
                }

                WriteUInt16(image, need.FlagsOffset, (ushort)(need.Flags | WeakFlag));
                changed++;
            }

            if (changed > 0)
            {
                // Write beside and rename: a library half-written by an interrupted build would
                // fail later in a far more confusing way than an unpatched one.
                string temporary = path + ".weakening";
                File.WriteAllBytes(temporary, image);
                File.Replace(temporary, path, null);
            }

            return changed;
        }

        private static IReadOnlyList<VersionNeed> Read(byte[] image, string path)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L'
                || image[3] != (byte)'F')
            {
                throw new InvalidDataException($"{path}: not an ELF file");
            }

            if (image[4] != 2 || image[5] != 1)
            {
                throw new InvalidDataException($"{path}: only 64-bit little-endian ELF files are supported");
            }

            long sectionTable = (long)ReadUInt64(image, 0x28);
            int entrySize = ReadUInt16(image, 0x3a);
            int sectionCount = ReadUInt16(image, 0x3c);
            var needs = new List<VersionNeed>();
            for (int i = 0; i < sectionCount; i++)
            {
                long header = sectionTable + (long)i * entrySize;
                Require(image, header, 64, path);
                if (ReadUInt32(image, header + 4) != SectionTypeVersionNeed)
                {
                    continue;
                }

                long offset = (long)ReadUInt64(image, header + 0x18);
                uint stringSection = ReadUInt32(image, header + 0x28);
                uint entries = ReadUInt32(image, header + 0x2c);
                long stringHeader = sectionTable + (long)stringSection * entrySize;
                Require(image, stringHeader, 64, path);
                long strings = (long)ReadUInt64(image, stringHeader + 0x18);
                ReadNeeds(image, path, offset, entries, strings, needs);
            }

            return needs;
        }

        private static void ReadNeeds(
            byte[] image, string path, long offset, uint entries, long strings, List<VersionNeed> needs)
        {
            long need = offset;
            for (uint n = 0; n < entries; n++)
            {
                Require(image, need, 16, path);
                int auxCount = ReadUInt16(image, need + 2);
                string file = ReadString(image, strings + ReadUInt32(image, need + 4), path);
                long aux = need + ReadUInt32(image, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    Require(image, aux, 16, path);
                    ushort flags = ReadUInt16(image, aux + 4);
                    string version = ReadString(image, strings + ReadUInt32(image, aux + 8), path);
                    needs.Add(new VersionNeed(file, version, flags, aux + 4));
                    aux += ReadUInt32(image, aux + 12);
                }

                uint next = ReadUInt32(image, need + 12);
                if (next == 0)
                {
                    break;
                }

                need += next;
            }
        }

        private static void Require(byte[] image, long offset, int length, string path)
        {
            if (offset < 0 || offset + length > image.Length)
            {
                throw new InvalidDataException($"{path}: truncated or corrupt ELF tables at offset {offset}");
            }
        }

        private static string ReadString(byte[] image, long offset, string path)
        {
            Require(image, offset, 1, path);
            long end = offset;
            while (end < image.Length && image[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(image, (int)offset, (int)(end - offset));
        }

        private static ushort ReadUInt16(byte[] b, long o) => (ushort)(b[o] | (b[o + 1] << 8));

        private static uint ReadUInt32(byte[] b, long o) => (uint)(ReadUInt16(b, o) | (ReadUInt16(b, o + 2) << 16));

        private static ulong ReadUInt64(byte[] b, long o) => ReadUInt32(b, o) | ((ulong)ReadUInt32(b, o + 4) << 32);

        private static void WriteUInt16(byte[] b, long o, ushort value)
        {
            b[o] = (byte)value;
            b[o + 1] = (byte)(value >> 8);
        }
    }

#if !DOGGAN_ELF_TESTS
    /// <summary>MSBuild face of <see cref="ElfVersionNeeds.Weaken"/>.</summary>
    public sealed class WeakenElfVersionNeeds : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } =
            Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        [Microsoft.Build.Framework.Required]
        public string Version { get; set; } = "";

        public override bool Execute()
        {
            foreach (Microsoft.Build.Framework.ITaskItem library in Libraries)
            {
                string path = library.ItemSpec;
                int changed = ElfVersionNeeds.Weaken(path, Version);
                if (changed > 0)
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        "Made the {0} requirement of {1} weak", Version, path);
                }
            }

            return !Log.HasLoggedErrors;
        }
    }
#endif
}
