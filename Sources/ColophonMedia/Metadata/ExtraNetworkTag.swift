/// A `<kind:arg:arg…>` extra-network tag in an A1111-family prompt, e.g.
/// `<lora:add-detail-xl:0.6>`, found as upstream's `<(\w+):([^>]+)>` finds them.
public struct ExtraNetworkTag: Hashable, Sendable {
    public var kind: String
    public var name: String
    /// Positional arguments after the name, as written.
    public var positional: [String]
    /// `key=value` arguments.
    public var named: [String: String]

    /// The text-encoder multiplier: `te=`, else the first positional, else 1.
    /// Nil when written but not a number (LoRA Block Weight lists such as `1,0,0,…`).
    public var textEncoderWeight: Double? {
        guard let text = named["te"] ?? positional.first else { return 1 }
        return Double(text.trimmingWhitespace)
    }

    /// The diffusion-model multiplier: `unet=`, else the second positional, else the
    /// text-encoder multiplier.
    public var unetWeight: Double? {
        if let text = named["unet"] ?? (positional.count > 1 ? positional[1] : nil) {
            return Double(text.trimmingWhitespace)
        }
        return textEncoderWeight
    }

    /// Every tag in `prompt`, in order.
    public static func all(in prompt: String) -> [ExtraNetworkTag] {
        let scalars = ScalarText(prompt)
        var tags: [ExtraNetworkTag] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "<" else {
                index += 1
                continue
            }
            var cursor = index + 1
            while cursor < scalars.count, scalars[cursor].isWordCharacter { cursor += 1 }
            guard cursor > index + 1, cursor < scalars.count, scalars[cursor] == ":" else {
                index += 1
                continue
            }
            let kind = scalars.string((index + 1)..<cursor)
            let argsStart = cursor + 1
            var end = argsStart
            while end < scalars.count, scalars[end] != ">" { end += 1 }
            // No `>` after this point closes any later tag either.
            guard end < scalars.count else { break }
            guard end > argsStart else {
                index += 1
                continue
            }
            let args = scalars.string(argsStart..<end)
                .splitASCII(":", omittingEmpty: false)
            var positional: [String] = []
            var named: [String: String] = [:]
            for arg in args.dropFirst() {
                let pair = arg.splitASCII("=", maxSplits: 1)
                if pair.count == 2 { named[pair[0]] = pair[1] } else { positional.append(arg) }
            }
            tags.append(ExtraNetworkTag(kind: kind, name: args[0], positional: positional, named: named))
            index = end + 1
        }
        return tags
    }
}
