public import ArgumentParser
import Foundation

/// Library enums whose raw values are snake_case, typed on the command line with hyphens:
/// `--scope style-emulation` is `style_emulation`.
public protocol HyphenatedArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension HyphenatedArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.replacingOccurrences(of: "-", with: "_"))
    }

    public static var allValueStrings: [String] {
        allCases.map { $0.rawValue.replacingOccurrences(of: "_", with: "-") }
    }

    public var defaultValueDescription: String { rawValue.replacingOccurrences(of: "_", with: "-") }
}
