/// Writes a ``ContentCredential`` into an XMP packet and reads it back. An existing packet
/// (a generator's, an editor's) is kept: Colophon's description is added to its `rdf:RDF`,
/// replacing only the properties Colophon owns, so nothing another tool wrote is lost.
public enum XMPPacket {
    /// The PNG `iTXt` keyword for XMP.
    public static let pngKeyword = "XML:com.adobe.xmp"

    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let iptcExt = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    /// Colophon's namespace for the record reference and the SB 942 fields.
    public static let colophon = "https://colophon.dev/ns/credential/1.0/"
    /// The TC260 namespace GB 45438 labels use.
    public static let tc260 = "http://www.tc260.org.cn/ns/AIGC/1.0/"

    /// A packet holding the credential, merged into `existing` when the file already has XMP.
    public static func packet(
        for credential: ContentCredential,
        mergingInto existing: String?
    ) throws(MediaError)
        -> String
    {
        let description = self.description(for: credential)
        guard let existing, !existing.isEmpty else {
            return """
                <?xpacket begin='\u{FEFF}' id='W5M0MpCehiHzreSzNTczkc9d'?>
                <x:xmpmeta xmlns:x='adobe:ns:meta/' x:xmptk='Colophon'>
                <rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>
                \(description)
                </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end='w'?>
                """
        }
        return try merge(description, into: existing)
    }

    /// Colophon's `rdf:Description`, with every namespace declared on it.
    static func description(for credential: ContentCredential) -> String {
        var properties: [String] = []
        func add(_ name: String, _ value: String?) {
            guard let value else { return }
            properties.append("  <\(name)>\(XMLScanner.escape(value))</\(name)>")
        }
        add("Iptc4xmpExt:DigitalSourceType", credential.digitalSourceType)
        add("colophon:RecordID", credential.recordID)
        add("colophon:LogOrigin", credential.logOrigin)
        add("colophon:LogIndex", credential.logIndex.map { String($0) })
        add("colophon:ContentID", credential.contentID)
        add("colophon:Provider", credential.provider)
        add("colophon:System", credential.system)
        add("colophon:SystemVersion", credential.systemVersion)
        add("colophon:CreatedAt", credential.createdAt)
        add("TC260:AIGC", credential.aigc.map(aigcJSON))
        return """
             <rdf:Description rdf:about=''
              xmlns:Iptc4xmpExt='\(iptcExt)'
              xmlns:colophon='\(colophon)'
              xmlns:TC260='\(tc260)'>
            \(properties.joined(separator: "\n"))
             </rdf:Description>
            """
    }

    /// The AIGC JSON object, members in the order implementations write them.
    static func aigcJSON(_ label: AIGCLabel) -> String {
        "{" + label.members.map { "\"\($0.0)\":\(jsonString($0.1))" }.joined(separator: ",") + "}"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
