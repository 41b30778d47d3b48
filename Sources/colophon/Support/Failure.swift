import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonReports
import ColophonStorage
import Foundation

/// A command's failure as the user sees it: one line on standard error and an exit status.
struct Failure: Error, CustomStringConvertible {
    /// Checked and not valid, or not found.
    static let notVerified: Int32 = 1
    /// Bad usage or bad input.
    static let usage: Int32 = 2
    /// Internal or storage error.
    static let internalError: Int32 = 3

    let status: Int32
    let message: String

    init(_ status: Int32, _ message: String) {
        self.status = status
        self.message = message.replacingOccurrences(of: "\n", with: " ")
    }

    var description: String { message }

    /// Classifies the errors of Colophon's modules; `nil` for argument-parser errors.
    static func classify(_ error: any Error) -> Failure? {
        switch error {
        case let failure as Failure:
            return failure
        case let error as LedgerError:
            switch error.code {
            case .badInput: return Failure(usage, error.reason)
            case .notFound, .invalid: return Failure(notVerified, error.reason)
            case .storage, .internalError: return Failure(internalError, error.reason)
            }
        case let error as StorageError:
            return Failure(internalError, error.reason)
        case let error as RecordError:
            return Failure(usage, error.reason)
        case let error as JSONError:
            return Failure(usage, error.description)
        case let error as CryptoError:
            return Failure(error.code == .library ? internalError : usage, error.description)
        case let error as LogError:
            return Failure(usage, error.reason)
        case let error as SchemaError:
            return Failure(internalError, error.description)
        case is ValidationError, is CleanExit, is ExitCode:
            return nil
        case _ where String(reflecting: type(of: error)).hasPrefix("ArgumentParser."):
            // Parsing errors: the caller prints them with the usage text.
            return nil
        default:
            if let error = error as? CocoaError, let path = error.userInfo[NSFilePathErrorKey] as? String {
                return Failure(usage, "cannot read \(path): \(error.localizedDescription)")
            }
            return Failure(internalError, "\(error)")
        }
    }
}
