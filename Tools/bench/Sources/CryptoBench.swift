import ColophonCrypto
import Foundation

/// SHA-256 on large buffers and Ed25519 signing and verifying, each beside `openssl speed`.
enum CryptoBench {
    static func run() throws {
        print("Crypto: Colophon (ColophonCrypto over system libcrypto) vs `openssl speed`, one core, same run")
        print("metric                         openssl speed    Colophon    ratio   target")
        let buffer = [UInt8](repeating: 0xA5, count: 64 << 20)
        for round in 1...2 {
            let opensslHash = try OpenSSLSpeed.sha256(seconds: 3)
            let ourHash = Measure.rate(seconds: 3, batch: 1) { _ = SHA256.hash(buffer) } * Double(buffer.count) / 1e6
            row("SHA-256, 64 MiB (MB/s) #\(round)", opensslHash, ourHash, target: 0.9)
        }
        let key = try Ed25519.PrivateKey()
        let message = [UInt8](repeating: 7, count: 32)
        let signature = try key.signature(for: message)
        let publicKey = key.publicKey
        for round in 1...3 {
            let openssl = try OpenSSLSpeed.ed25519(seconds: 3)
            let sign = try Measure.rate { _ = try key.signature(for: message) }
            let verify = Measure.rate { _ = publicKey.isValidSignature(signature, for: message) }
            row("Ed25519 sign/s #\(round)", openssl.sign, sign, target: 0.9)
            row("Ed25519 verify/s #\(round)", openssl.verify, verify, target: 0.9)
        }
    }

    static func row(_ name: String, _ peer: Double, _ ours: Double, target: Double) {
        let ratio = ours / peer
        let padded = name.padding(toLength: 30, withPad: " ", startingAt: 0)
        let verdict = ratio >= target ? "≥ \(target) ✓" : "≥ \(target) ✗"
        print(
            "\(padded) \(Measure.format(peer).leftPad(12)) \(Measure.format(ours).leftPad(11)) \(String(format: "%.2f", ratio).leftPad(7))   \(verdict)"
        )
    }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
