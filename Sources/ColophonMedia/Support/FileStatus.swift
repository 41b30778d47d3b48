#if canImport(Glibc)
import Glibc

/// The C `stat` structure, named through its module: with several C modules in the build
/// an unqualified `stat` can resolve to a copy another module re-exports.
typealias FileStatus = Glibc.stat
#elseif canImport(Darwin)
import Darwin

typealias FileStatus = Darwin.stat
#endif
