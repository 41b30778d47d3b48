/// The ways generators hash model and LoRA files. A hash written into an image is usually a
/// prefix of one of these, and which one depends on the generator and its version, so a
/// ``HashClaim`` lists every candidate.
public enum ModelHashAlgorithm: String, Hashable, Sendable, CaseIterable, Codable {
    /// SHA-256 of the whole file (Civitai "AutoV2" is its first 10 hex digits).
    case sha256
    /// SHA-256 of the 64 KiB at offset 1 MiB, first 8 hex digits (A1111 before 2022-11).
    case autoV1
    /// SHA-256 of a safetensors file's data section, skipping the header ("addnet", AutoV3).
    case autoV3
    /// BLAKE3 of the whole file (InvokeAI).
    case blake3
    /// SHA-256 of the file's base name (Forge 2.0 between 2024-08-10 and 2025-02-17).
    case nameSHA256
    /// An identifier the generator's vendor keeps to itself (NovelAI's model codes).
    case vendor
}
