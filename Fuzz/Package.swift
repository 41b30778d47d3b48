// swift-tools-version: 6.0
// The fuzz harnesses: one libFuzzer binary whose target is chosen by COLOPHON_FUZZ_TARGET, built
// with `-sanitize=fuzzer` and AddressSanitizer by `Tools/fuzz`. A package of its own, so the main
// build never sees a program that needs libFuzzer.
import PackageDescription

/// The repository's root package, whose identity is the name of the folder it was cloned into.
let rootIdentity = {
    let folder = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "colophon"
    return folder.lowercased()
}()

let package = Package(
    name: "ColophonFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CFuzzDriver"),
        .executableTarget(
            name: "ColophonFuzz",
            dependencies: [
                "CFuzzDriver",
                .product(name: "ColophonCrypto", package: rootIdentity),
                .product(name: "ColophonMedia", package: rootIdentity),
                .product(name: "ColophonRecords", package: rootIdentity),
                .product(name: "ColophonLog", package: rootIdentity),
                .product(name: "ColophonWatermark", package: rootIdentity),
                .product(name: "ColophonLedger", package: rootIdentity),
            ]
        ),
    ]
)
