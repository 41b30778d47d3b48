/// Colophon's own predicate types. Each has a JSON Schema in `Schemas/predicates/` whose `$id`
/// is the type URI.
public enum PredicateType: String, CaseIterable, Sendable, Codable {
    case model = "https://colophon.dev/predicate/model@v1"
    case adapter = "https://colophon.dev/predicate/adapter@v1"
    case generation = "https://colophon.dev/predicate/generation@v1"
    case contribution = "https://colophon.dev/predicate/contribution@v1"
    case work = "https://colophon.dev/predicate/work@v1"
    case consent = "https://colophon.dev/predicate/consent@v1"
    case attribution = "https://colophon.dev/predicate/attribution@v1"
    case key = "https://colophon.dev/predicate/key@v1"
    case correction = "https://colophon.dev/predicate/correction@v1"
    case custody = "https://colophon.dev/predicate/custody@v1"

    /// The short name used on the command line and in reports ("model", "generation", ...).
    public var shortName: String {
        switch self {
        case .model: "model"
        case .adapter: "adapter"
        case .generation: "generation"
        case .contribution: "contribution"
        case .work: "work"
        case .consent: "consent"
        case .attribution: "attribution"
        case .key: "key"
        case .correction: "correction"
        case .custody: "custody"
        }
    }

    /// Finds a type by URI or short name.
    public init?(named name: String) {
        if let type = PredicateType(rawValue: name) {
            self = type
        } else if let type = PredicateType.allCases.first(where: { $0.shortName == name }) {
            self = type
        } else {
            return nil
        }
    }

    /// The schema document's bytes, compiled into the module.
    var schemaBytes: [UInt8] {
        switch self {
        case .model: PackageResources.model_schema_json
        case .adapter: PackageResources.adapter_schema_json
        case .generation: PackageResources.generation_schema_json
        case .contribution: PackageResources.contribution_schema_json
        case .work: PackageResources.work_schema_json
        case .consent: PackageResources.consent_schema_json
        case .attribution: PackageResources.attribution_schema_json
        case .key: PackageResources.key_schema_json
        case .correction: PackageResources.correction_schema_json
        case .custody: PackageResources.custody_schema_json
        }
    }
}
