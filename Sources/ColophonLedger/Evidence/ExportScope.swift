public import ColophonRecords

/// What an evidence export is about: a work (every version, every element's records), given
/// records, an artist (their declarations, the LoRAs attributed to them and what those made),
/// or a LoRA (its attributions and what it made). The records each of those cite are always
/// added, as are the corrections of every record and every key record.
public enum ExportScope: Sendable, CustomStringConvertible {
    case work(String)
    case records([RecordID])
    case artist(String)
    case lora(String)

    public var description: String {
        switch self {
        case .work(let reference): "work \(reference)"
        case .records(let ids): "\(ids.count) record\(ids.count == 1 ? "" : "s")"
        case .artist(let name): "artist \(name)"
        case .lora(let reference): "LoRA \(reference)"
        }
    }

    /// The kind, as the manifest names it.
    public var kind: String {
        switch self {
        case .work: "work"
        case .records: "records"
        case .artist: "artist"
        case .lora: "lora"
        }
    }
}
