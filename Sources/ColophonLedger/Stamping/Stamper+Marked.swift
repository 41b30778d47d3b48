import ColophonMedia

extension Stamper {
    /// An image after the watermark stage: the marked file (a PNG keeping the original's
    /// metadata), its digests from the marked pixels, and the mark.
    struct Marked {
        var bytes: [UInt8]
        var digests: ImageDigests
        var mark: Mark
    }
}
