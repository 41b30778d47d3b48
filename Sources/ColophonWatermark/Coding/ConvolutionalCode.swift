/// The rate-1/3, constraint-length-9 convolutional code (generators 557, 663 and 711 octal; free
/// distance 18), tail-biting: the encoder starts in the state its last eight input bits leave, so
/// no tail bits are spent and every bit is protected alike.
///
/// Decoding is soft: a Viterbi search over three turns of the circular trellis, keeping the
/// middle turn, so the unknown start state costs nothing.
enum ConvolutionalCode {
    static let constraintLength = 9
    static let generators: [UInt32] = [0o557, 0o663, 0o711]
    static let states = 1 << (constraintLength - 1)

    /// Three output bits per input bit.
    static func encode(_ bits: [UInt8]) -> [UInt8] {
        let mask = UInt32(states - 1)
        var state: UInt32 = 0
        for bit in bits.suffix(constraintLength - 1) { state = (state << 1 | UInt32(bit)) & mask }
        var out: [UInt8] = []
        out.reserveCapacity(3 * bits.count)
        for bit in bits {
            let register = state << 1 | UInt32(bit)
            for generator in generators { out.append(UInt8((register & generator).nonzeroBitCount & 1)) }
            state = register & mask
        }
        return out
    }

    /// The most likely input bits for soft values `llr` (three per input bit; positive means 0).
    static func decode(_ llr: [Float]) -> [UInt8] {
        let count = llr.count / 3
        guard count > 0 else { return [] }
        let trellis = Trellis.shared
        let steps = 3 * count
        var metric = [Float](repeating: 0, count: states)
        var next = [Float](repeating: 0, count: states)
        var back = [UInt16](repeating: 0, count: steps * states)
        for step in 0..<steps {
            let base = 3 * (step % count)
            let (a, b, c) = (llr[base], llr[base + 1], llr[base + 2])
            // The correlation of each of the eight output patterns with the received values.
            var branch = [Float](repeating: 0, count: 8)
            for pattern in 0..<8 {
                branch[pattern] =
                    (pattern & 4 == 0 ? a : -a) + (pattern & 2 == 0 ? b : -b) + (pattern & 1 == 0 ? c : -c)
            }
            var best: Float = -.infinity
            for target in 0..<states {
                let first = trellis.predecessor0[target]
                let second = trellis.predecessor1[target]
                let m0 = metric[first] + branch[Int(trellis.output0[target])]
                let m1 = metric[second] + branch[Int(trellis.output1[target])]
                let choose = m1 > m0
                next[target] = choose ? m1 : m0
                back[step * states + target] = UInt16(choose ? second : first)
                best = max(best, next[target])
            }
            for target in 0..<states { metric[target] = next[target] - best }
        }
        var state = 0
        var best = metric[0]
        for candidate in 1..<states where metric[candidate] > best {
            best = metric[candidate]
            state = candidate
        }
        var bits = [UInt8](repeating: 0, count: steps)
        for step in stride(from: steps - 1, through: 0, by: -1) {
            bits[step] = UInt8(state & 1)
            state = Int(back[step * states + state])
        }
        return Array(bits[count..<2 * count])
    }

    /// For each state, the two states that lead to it and the output patterns on the way (the
    /// input bit is the new state's lowest bit).
    struct Trellis: Sendable {
        var predecessor0: [Int] = []
        var predecessor1: [Int] = []
        var output0: [UInt8] = []
        var output1: [UInt8] = []

        static let shared = Trellis()

        private init() {
            let mask = UInt32(states - 1)
            for target in 0..<states {
                let bit = UInt32(target & 1)
                var found: [(Int, UInt8)] = []
                for source in 0..<states where (UInt32(source) << 1 | bit) & mask == UInt32(target) {
                    let register = UInt32(source) << 1 | bit
                    var pattern: UInt8 = 0
                    for generator in generators {
                        pattern = pattern << 1 | UInt8((register & generator).nonzeroBitCount & 1)
                    }
                    found.append((source, pattern))
                }
                predecessor0.append(found[0].0)
                output0.append(found[0].1)
                predecessor1.append(found[1].0)
                output1.append(found[1].1)
            }
        }
    }
}
