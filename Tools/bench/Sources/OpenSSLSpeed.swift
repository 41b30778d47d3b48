import Foundation

/// Runs `openssl speed` — the same libcrypto's own best loops — and reads its results.
enum OpenSSLSpeed {
    /// Runs `openssl speed` with a clean signal mask. It times itself with SIGALRM, and a child
    /// inherits its parent thread's blocked signals: the concurrency pool's threads block
    /// SIGALRM, and a child spawned from one of them would never stop.
    static func run(_ arguments: [String]) throws -> String {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw BenchError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGALRM)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = (["openssl", "speed"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, "openssl", &actions, &attributes, argv, environ)
        close(pipe[1])
        guard status == 0 else {
            close(pipe[0])
            throw BenchError("cannot run openssl: \(String(cString: strerror(status)))")
        }
        let output = FileHandle(fileDescriptor: pipe[0], closeOnDealloc: true).readDataToEndOfFile()
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// SHA-256 throughput on 64 MiB buffers, in MB/s (10^6 bytes).
    static func sha256(seconds: Int) throws -> Double {
        let output = try run(["-seconds", "\(seconds)", "-bytes", "67108864", "-evp", "sha256"])
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("sha256") }),
            let field = line.split(separator: " ").last, let kilobytes = Double(field.dropLast())
        else { throw BenchError("cannot read openssl speed sha256 output") }
        return kilobytes * 1000 / 1e6
    }

    /// Ed25519 signatures and verifications per second on one core.
    static func ed25519(seconds: Int) throws -> (sign: Double, verify: Double) {
        let output = try run(["-seconds", "\(seconds)", "ed25519"])
        guard let line = output.split(separator: "\n").last(where: { $0.contains("Ed25519") }) else {
            throw BenchError("cannot read openssl speed ed25519 output")
        }
        let numbers = line.split(separator: " ").compactMap { Double($0) }
        guard numbers.count >= 2 else { throw BenchError("unexpected openssl speed ed25519 line: \(line)") }
        return (numbers[numbers.count - 2], numbers[numbers.count - 1])
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
