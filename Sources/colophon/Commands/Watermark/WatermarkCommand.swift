import ArgumentParser

struct WatermarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watermark",
        abstract: "The invisible watermark: read it from images, or mark an image outside the ledger.",
        discussion: """
            Colophon's watermark (org.colophon.watermark.1, docs/watermark.md) carries a 64-bit id in the image's luminance, repeated in 128-pixel tiles with a synchronisation template, so it is read from a copy that was re-encoded, resized, cropped at an unknown offset, slightly rotated or colour-adjusted. `colophon stamp --watermark` marks an image and records the id in its generation record; `watermark detect` reads it back and names that record.
            """,
        subcommands: [WatermarkDetectCommand.self, WatermarkEmbedCommand.self]
    )
}
