import CFuzzDriver
import Foundation

/// The target this process fuzzes, chosen once before the first input.
nonisolated(unsafe) var selectedTarget: FuzzTarget?

/// Picks the target from COLOPHON_FUZZ_TARGET and hands the command line to libFuzzer.
/// `COLOPHON_FUZZ_TARGET=list` prints the targets, one a line.
@main
enum FuzzMain {
    static func main() {
        let name = ProcessInfo.processInfo.environment["COLOPHON_FUZZ_TARGET"] ?? ""
        if name == "list" {
            for target in FuzzTarget.allCases { print(target.rawValue) }
            exit(0)
        }
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("COLOPHON_FUZZ_TARGET names no target; =list shows them\n".utf8))
            exit(2)
        }
        selectedTarget = target
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(
            LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
                selectedTarget?.run(bytes)
                return 0
            }
        )
    }
}
