import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The fields of ComicInfo.xml (the de facto comic metadata file, from ComicRack) that a
/// publisher's check uses: titles, creators by role, and the page list.
public struct ComicInfo: Hashable, Sendable {
    public var title: String?
    public var series: String?
    public var number: String?
    public var summary: String?
    public var year: Int?
    public var writer: String?
    public var penciller: String?
    public var inker: String?
    public var colorist: String?
    public var letterer: String?
    public var coverArtist: String?
    public var editor: String?
    public var publisher: String?
    public var languageISO: String?
    public var pageCount: Int?
    public var web: String?
    /// Free notes; Colophon writes the work record id here on export.
    public var notes: String?

    public init() {}

    /// The creators by ComicInfo role, in a fixed order.
    public var creators: [(role: String, names: [String])] {
        let roles: [(String, String?)] = [
            ("Writer", writer), ("Penciller", penciller), ("Inker", inker), ("Colorist", colorist),
            ("Letterer", letterer), ("CoverArtist", coverArtist), ("Editor", editor),
        ]
        return roles.compactMap { role, value in
            let names = (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            return names.isEmpty ? nil : (role, names)
        }
    }

    /// Parses ComicInfo.xml. Document type declarations are refused outright: the format
    /// needs none, and entity definitions are how XML bombs and external-entity reads work.
    public init(xml bytes: [UInt8]) throws(MediaError) {
        guard bytes.count <= 8 << 20 else { throw MediaError(.tooLarge, "ComicInfo.xml is over 8 MiB") }
        // UTF-8 only: in UTF-16 the checks below would not see the declarations.
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
            throw MediaError(.unsupported, "ComicInfo.xml is not UTF-8 text")
        }
        guard !text.contains("<!DOCTYPE"), !text.contains("<!ENTITY") else {
            throw MediaError(.unsupported, "ComicInfo.xml declares a document type or entities; refused")
        }
        // Processing instructions other than the XML declaration are refused too: the format has
        // none, and FoundationXML on Linux reads a null pointer (and crashes) on one without data,
        // such as `<?target?>`.
        guard !Self.afterDeclaration(text).contains("<?") else {
            throw MediaError(.unsupported, "ComicInfo.xml holds a processing instruction (<?…?>); refused")
        }
        let reader = Reader()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse(), reader.root == "ComicInfo", reader.depth == 0 else {
            let line = parser.lineNumber
            let reason =
                parser.parserError.map { "\($0.localizedDescription)" }
                ?? (reader.root == "ComicInfo"
                    ? "the document ends inside an element" : "the root element is not ComicInfo")
            throw MediaError(.malformed, "ComicInfo.xml is not well-formed (line \(line)): \(reason)")
        }
        let fields = reader.fields
        self.init()
        title = fields["Title"]
        series = fields["Series"]
        number = fields["Number"]
        summary = fields["Summary"]
        year = fields["Year"].flatMap { Int($0) }
        writer = fields["Writer"]
        penciller = fields["Penciller"]
        inker = fields["Inker"]
        colorist = fields["Colorist"]
        letterer = fields["Letterer"]
        coverArtist = fields["CoverArtist"]
        editor = fields["Editor"]
        publisher = fields["Publisher"]
        languageISO = fields["LanguageISO"]
        pageCount = fields["PageCount"].flatMap { Int($0) }
        web = fields["Web"]
        notes = fields["Notes"]
    }

    /// ComicInfo.xml text, with every value escaped.
    public var xml: String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<ComicInfo xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
        ]
        let fields: [(String, String?)] = [
            ("Title", title), ("Series", series), ("Number", number), ("Summary", summary),
            ("Notes", notes), ("Year", year.map(String.init)), ("Writer", writer), ("Penciller", penciller),
            ("Inker", inker), ("Colorist", colorist), ("Letterer", letterer), ("CoverArtist", coverArtist),
            ("Editor", editor), ("Publisher", publisher), ("Web", web), ("PageCount", pageCount.map(String.init)),
            ("LanguageISO", languageISO),
        ]
        for case (let name, let value?) in fields {
            lines.append("  <\(name)>\(MarkupText.escape(value))</\(name)>")
        }
        lines.append("</ComicInfo>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Collects the text of the root's direct children.
    /// The text after a leading byte-order mark, white space and `<?xml …?>` declaration.
    static func afterDeclaration(_ text: String) -> Substring {
        var rest = text[...]
        if rest.first == "\u{FEFF}" { rest = rest.dropFirst() }
        rest = rest.drop(while: \.isWhitespace)
        guard rest.hasPrefix("<?xml"), rest.dropFirst(5).first?.isWhitespace == true,
            let end = rest.range(of: "?>")
        else { return rest }
        return rest[end.upperBound...]
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var root: String?
        var depth = 0
        var current: String?
        var text = ""
        var fields: [String: String] = [:]

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            depth += 1
            if depth == 1 { root = elementName }
            if depth == 2 {
                current = elementName
                text = ""
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if depth == 2, text.utf8.count < 1 << 20 { text += string }
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            if depth == 2, let current {
                let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !value.isEmpty { fields[current] = value }
                self.current = nil
            }
            depth -= 1
        }
    }
}
