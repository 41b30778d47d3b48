/// The A1111-family "infotext" (`parameters`), parsed as upstream's
/// `parse_generation_parameters` does: prompt lines, an optional `Negative prompt:` block, and a
/// last line of `Key: value` pairs recognised by the same grammar as upstream's `re_param`
/// (values JSON-quoted when they hold `,` `:` or a newline). Unquoted JSON values such as
/// `Hashes: {…}` and `Civitai resources: […]` are matched by bracket, which upstream cuts at the
/// first comma.
public struct InfotextParser: Sendable {
    /// The parsed text.
    public struct Result: Hashable, Sendable {
        public var prompt: String
        public var negativePrompt: String?
        /// The settings in written order; a flag-style setting has its key as its value.
        public var settings: [(key: String, value: String)]

        public init(prompt: String, negativePrompt: String?, settings: [(key: String, value: String)]) {
            self.prompt = prompt
            self.negativePrompt = negativePrompt
            self.settings = settings
        }

        public func value(_ key: String) -> String? {
            settings.last { $0.key == key }?.value
        }

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.prompt == rhs.prompt && lhs.negativePrompt == rhs.negativePrompt
                && lhs.settings.map(\.key) == rhs.settings.map(\.key)
                && lhs.settings.map(\.value) == rhs.settings.map(\.value)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(prompt)
            hasher.combine(negativePrompt)
            for setting in settings {
                hasher.combine(setting.key)
                hasher.combine(setting.value)
            }
        }
    }

    public init() {}

    public func parse(_ text: String) -> Result {
        var lines = text.trimmingWhitespace.splitASCII("\n", omittingEmpty: false)
        var lastLine = lines.popLast() ?? ""
        var settings = Self.settings(in: lastLine)
        if settings.count < 3 {
            lines.append(lastLine)
            lastLine = ""
            settings = []
        }
        var prompt = ""
        var negative = ""
        var inNegative = false
        for rawLine in lines {
            var line = rawLine.trimmingWhitespace
            if line.hasPrefix("Negative prompt:") {
                inNegative = true
                line = String(line.dropFirst(16)).trimmingWhitespace
            }
            if inNegative {
                negative += (negative.isEmpty ? "" : "\n") + line
            } else {
                prompt += (prompt.isEmpty ? "" : "\n") + line
            }
        }
        let unquoted = settings.map { (key: $0.key, value: Self.unquote($0.value)) }
        return Result(prompt: prompt, negativePrompt: inNegative ? negative : nil, settings: unquoted)
    }

    /// JSON-decodes a `"…"` value; anything else (or invalid JSON) is returned as written.
    static func unquote(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        if case .string(let decoded)? = try? LooseJSON.parse(value) { return decoded }
        return value
    }

    /// `re_param.findall` over one line, with the bracket extension.
    ///
    /// Linear in the line's length: a failed match resumes where its scan stopped (every start
    /// inside a key-like run fails at the same place), and bracket matching, which can rescan,
    /// shares a budget of a few passes over the line before values fall back to upstream's
    /// `[^,]*`.
    static func settings(in line: String) -> [(key: String, value: String)] {
        let scalars = ScalarText(line)
        var found: [(String, String)] = []
        var start = 0
        var bracketBudget = 4 * scalars.count + 4096
        while start < scalars.count {
            switch match(scalars, at: start, bracketBudget: &bracketBudget) {
            case .found(let key, let value, let end):
                found.append((key, value))
                start = max(end, start + 1)
            case .none(let stoppedAt):
                start = max(stoppedAt, start + 1)
            }
        }
        return found
    }

    /// What one attempt at a position found.
    private enum Match {
        case found(key: String, value: String, end: Int)
        /// No match here, nor at any start before `stoppedAt`.
        case none(stoppedAt: Int)
    }

    /// `\w`, and combining marks so that a decomposed accent does not end a key.
    private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isWordCharacter || (!scalar.isASCII && scalar.properties.generalCategory == .nonspacingMark)
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// One match of `\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)` at `start`.
    ///
    /// A start inside the leading spaces or the key run reaches the same end of that run, so
    /// when the key does not end in `:` no start before that point can match either.
    private static func match(_ s: ScalarText, at start: Int, bracketBudget: inout Int) -> Match {
        var index = start
        while index < s.count, isSpace(s[index]) { index += 1 }
        guard index < s.count, isWord(s[index]) else { return .none(stoppedAt: index) }
        let keyStart = index
        index += 1
        while index < s.count, isWord(s[index]) || s[index] == " " || s[index] == "-" || s[index] == "/" {
            index += 1
        }
        guard index < s.count, s[index] == ":" else { return .none(stoppedAt: index) }
        // A one-character key: the next start (its colon) cannot match, and neither can any
        // start in between.
        guard index - keyStart >= 2 else { return .none(stoppedAt: index) }
        let key = s.string(keyStart..<index)
        index += 1
        while index < s.count, isSpace(s[index]) { index += 1 }
        let valueStart = index
        if index < s.count, s[index] == "\"", let end = quotedEnd(s, from: index), end == s.count || s[end] == "," {
            let value = s.string(valueStart..<end)
            return .found(key: key, value: value, end: end == s.count ? end : end + 1)
        }
        if index < s.count, s[index] == "{" || s[index] == "[",
            let end = bracketEnd(s, from: index, budget: &bracketBudget),
            end == s.count || s[end] == ","
        {
            let value = s.string(valueStart..<end)
            return .found(key: key, value: value, end: end == s.count ? end : end + 1)
        }
        while index < s.count, s[index] != "," { index += 1 }
        let value = s.string(valueStart..<index)
        return .found(key: key, value: value, end: index == s.count ? index : index + 1)
    }

    /// The index just past the closing quote of `"(?:\\.|[^\\"])+"`, or nil.
    private static func quotedEnd(_ s: ScalarText, from start: Int) -> Int? {
        var index = start + 1
        var count = 0
        while index < s.count {
            if s[index] == "\\" {
                guard index + 1 < s.count, s[index + 1] != "\n" else { return nil }
                index += 2
            } else if s[index] == "\"" {
                return count > 0 ? index + 1 : nil
            } else {
                index += 1
            }
            count += 1
        }
        return nil
    }

    /// The index just past the bracket that closes the one at `start`, skipping JSON strings.
    /// Each scalar looked at spends one unit of `budget`; nil once it is spent.
    private static func bracketEnd(_ s: ScalarText, from start: Int, budget: inout Int) -> Int? {
        var depth = 0
        var index = start
        var inString = false
        while index < s.count {
            guard budget > 0 else { return nil }
            budget -= 1
            let scalar = s[index]
            if inString {
                if scalar == "\\" {
                    index += 1
                } else if scalar == "\"" {
                    inString = false
                }
            } else if scalar == "\"" {
                inString = true
            } else if scalar == "{" || scalar == "[" {
                depth += 1
            } else if scalar == "}" || scalar == "]" {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return nil
    }
}
